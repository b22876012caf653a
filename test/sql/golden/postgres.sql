-- portrait "golden" version 1, compiled to postgres SQL by portrait sql.
-- Every row of the input gets score, confidence, tier, reasons and segment, ranked as portrait score ranks.
WITH
-- the engine's text folding, character by character (lower case, no accents, punctuation as spaces), by script
pt__fold AS MATERIALIZED (
  SELECT ' ¡¢£¤¥¦§¨©ª«¬­®¯°±²³´µ¶·¸¹º»¿ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝàáâãäåçèéêëìíîïðñòóôõö÷øùúûüýÿ' AS fold0_from, '                                          a       23 μ   1o  aaaaaaceeeeiiiidnooooo ouuuuyaaaaaaceeeeiiiidnooooo ouuuuyy' AS fold0_to,
    'ĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĦħĨĩĪīĬĭĮįİıĴĵĶķĹĺĻļĽľŁłŃńŅņŇňŊŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŦŧŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžſƁƂƄƆƇƉƊƋƎƏƐƑƓƔƖƗƘƜƝƟƠơƢƤƦƧƩƬƮƯưƱƲƳƵƷƸƼǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǤǦǧǨǩǪǫǬǭǮǯǰǴǵǶǷǸǹǺǻǾǿȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȜȞȟȠȢȤȦȧȨȩȪȫȬȭȮȯȰȱȲȳȺȻȽȾɁɃɄɅɆɈɊɌɎʰʱʲʳʴʵʶʷʸ˂˃˄˅˒˓˔˕˖˗˘˙˚˛˜˝˞˟ˠˡˢˣˤ˥˦˧˨˩˪˫˭˯˰˱˲˳˴˵˶˷˸˹˺˻˼˽˾˿ḀḁḂḃḄḅḆḇḈḉḊḋḌḍḎḏḐḑḒḓḔḕḖḗḘḙḚḛḜḝḞḟḠḡḢḣḤḥḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵḶḷḸḹḺḻḼḽḾḿṀṁṂṃṄṅṆṇṈṉṊṋṌṍṎṏṐṑṒṓṔṕṖṗṘṙṚṛṜṝṞṟṠṡṢṣṤṥṦṧṨṩṪṫṬṭṮṯṰṱṲṳṴṵṶṷṸṹṺṻṼṽṾṿẀẁẂẃẄẅẆẇẈẉẊẋẌẍẎẏẐẑẒẓẔẕẖẗẘẙẛẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹỺỼỾ̴̵̶̷̸̡̢̧̨̛̖̗̘̙̜̝̞̟̠̣̤̥̦̩̪̫̬̭̮̯̰̱̲̳̹̺̻̼͇͈͉͍͎̀́̂̃̄̅̆̇̈̉̊̋̌̍̎̏̐̑̒̓̔̽̾̿̀́͂̓̈́͆͊͋͌̕̚ͅ͏͓͔͕͖͙͚͐͑͒͗͛ͣͤͥͦͧͨͩͪͫͬͭͮͯ͘͜͟͢͝͞͠͡' AS fold1_from, 'aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiijjkkllllllllnnnnnnŋoooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzsɓƃƅɔƈɖɗƌǝəɛƒɠɣɩɨƙɯɲɵooƣƥʀƨʃƭʈuuʊʋƴƶʒƹƽaaiioouuuuuuuuuuaaaaǥggkkooooʒʒjggƕƿnnaaooaaaaeeeeiiiioooorrrruuuussttȝhhƞȣȥaaeeooooooooyyⱥȼƚⱦɂƀʉʌɇɉɋɍɏhɦjrɹɻʁwy                  ɣlsxʕ                         aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvvwwwwwwwwwwxxxxyyzzzzzzhtwysaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyyỻỽỿ' AS fold1_to,
    'ͰͲʹ͵Ͷͺ;Ϳ΄΅Ά·ΈΉΊΌΎΏΐΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩΪΫάέήίΰςϊϋόύώϏϐϑϒϓϔϕϖϘϚϜϞϠϢϤϦϨϪϬϮϰϱϲϴϵ϶ϷϹϺϽϾϿЀЁЂЃЄЅІЇЈЉЊЋЌЍЎЏАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯйѐёѓїќѝўѠѢѤѦѨѪѬѮѰѲѴѶѷѸѺѼѾҀ҂ҊҌҎҐҒҔҖҘҚҜҞҠҢҤҦҨҪҬҮҰҲҴҶҸҺҼҾӀӁӂӃӅӇӉӋӍӐӑӒӓӔӖӗӘӚӛӜӝӞӟӠӢӣӤӥӦӧӨӪӫӬӭӮӯӰӱӲӳӴӵӶӸӹӺӼӾԀԂԄԆԈԊԌԎԐԒԔԖԘԚԜԞԠԢԤԦԨԪԬԮԱԲԳԴԵԶԷԸԹԺԻԼԽԾԿՀՁՂՃՄՅՆՇՈՉՊՋՌՍՎՏՐՑՒՓՔՕՖ՚՛՜՝՞՟։֊֍֎֏ἀἁἂἃἄἅἆἇἈἉἊἋἌἍἎἏἐἑἒἓἔἕἘἙἚἛἜἝἠἡἢἣἤἥἦἧἨἩἪἫἬἭἮἯἰἱἲἳἴἵἶἷἸἹἺἻἼἽἾἿὀὁὂὃὄὅὈὉὊὋὌὍὐὑὒὓὔὕὖὗὙὛὝὟὠὡὢὣὤὥὦὧὨὩὪὫὬὭὮὯὰάὲέὴήὶίὸόὺύὼώᾀᾁᾂᾃᾄᾅᾆᾇᾈᾉᾊᾋᾌᾍᾎᾏᾐᾑᾒᾓᾔᾕᾖᾗᾘᾙᾚᾛᾜᾝᾞᾟᾠᾡᾢᾣᾤᾥᾦᾧᾨᾩᾪᾫᾬᾭᾮᾯᾰᾱᾲᾳᾴᾶᾷᾸᾹᾺΆᾼ᾽ι᾿῀῁ῂῃῄῆῇῈΈῊΉῌ῍῎῏ῐῑῒΐῖῗῘῙῚΊ῝῞῟ῠῡῢΰῤῥῦῧῨῩῪΎῬ῭΅`ῲῳῴῶῷῸΌῺΏῼ´῾҃҄҅҆҇҈҉' AS fold2_from, 'ͱͳʹ ͷ  ϳ  α εηιουωιαβγδεζηθικλμνξοπρστυφχψωιυαεηιυσιυουωϗβθυυυφπϙϛϝϟϡϣϥϧϩϫϭϯκρσθε ϸσϻͻͼͽееђгєѕііјљњћкиуџабвгдежзииклмнопрстуфхцчшщъыьэюяиеегікиуѡѣѥѧѩѫѭѯѱѳѵѵѵѹѻѽѿҁ ҋҍҏґғҕҗҙқҝҟҡңҥҧҩҫҭүұҳҵҷҹһҽҿӏжжӄӆӈӊӌӎааааӕееәәәжжззӡииииооөөөээууууууччӷыыӻӽӿԁԃԅԇԉԋԍԏԑԓԕԗԙԛԝԟԡԣԥԧԩԫԭԯաբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆ           ααααααααααααααααεεεεεεεεεεεεηηηηηηηηηηηηηηηηιιιιιιιιιιιιιιιιοοοοοοοοοοοουυυυυυυυυυυυωωωωωωωωωωωωωωωωααεεηηιιοουυωωααααααααααααααααηηηηηηηηηηηηηηηηωωωωωωωωωωωωωωωωαααααααααααα ι   ηηηηηεεηηη   ιιιιιιιιιι   υυυυρρυυυυυυρ   ωωωωωοοωωω  ' AS fold2_to,
    '            ​‌‍‎‏‐‑‒–—―‖‗‘’‚‛“”„‟†‡•‣․‧  ‪‫‬‭‮ ‰‱′‵‸‹›※‽‾‿⁀⁁⁂⁃⁄⁅⁆⁊⁋⁌⁍⁎⁏⁐⁑⁒⁓⁔⁕⁖⁘⁙⁚⁛⁜⁝⁞ ⁠⁡⁢⁣⁤⁦⁧⁨⁩⁪⁫⁬⁭⁮⁯⁰ⁱ⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓₔₕₖₗₘₙₚₛₜ₠₡₢₣₤₥₦₧₩₪₫€₭₮₯₰₱₲₳₴₵₶₷₸₹₺₻₼₽₾₿⃀⃁ℂ℄ℇ℈ℊℋℌℍℎℏℐℑℒℓ℔ℕ℗℘ℙℚℛℜℝ℞℟℣ℤ℥Ω℧ℨ℩KÅℬℭ℮ℯℰℱℲℳℴℵℶℷℸℹ℺ℼℽℾℿ⅀⅁⅂⅃⅄ⅅⅆⅇⅈⅉ⅊⅋⅌⅍⅏ⅠⅤⅩⅬⅭⅮⅯⅰⅴⅹⅼⅽⅾⅿↃ↊↋　、。〃〄〈〉《》「」『』【】〒〓〔〕〖〗〘〙〚〛〜〝〞〟〠〰〶〷〸〹〺〽〾〿がぎぐげござじずぜぞだぢづでどばぱびぴぶぷべぺぼぽゔ゛゜ゞ゠ガギグゲゴザジズゼゾダヂヅデドバパビピブプベペボポヴヷヸヹヺ・ヾ﻿！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～｟｠｡｢｣､･ｦｧｨｩｪｫｬｭｮｯｰｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝ￠￡￢￣￤￥￦￨￩￪￫￬￭￮⃒⃓⃘⃙⃚⃐⃑⃔⃕⃖⃗⃛⃜⃝⃞⃟⃠⃡⃢⃣⃤⃥⃦⃪⃫゙゚〪⃨⃬⃭⃮⃯〭〮〯〫⃧⃩⃰〬ﾞﾟ' AS fold3_from, '                                                                                                     0i456789     n0123456789     aeoxəhklmnpst                                 c ɛ ghhhhhiill n  pqrrr   z ω z kabc eefⅎmoאבגדi πγγπ     ddeij     ivxlcdmivxlcdmↄ                                   十卄卅   かきくけこさしすせそたちつてとははひひふふへへほほう  ゝ カキクケコサシスセソタチツテトハハヒヒフフヘヘホホウワヰヱヲ ヽ                0123456789       abcdefghijklmnopqrstuvwxyz      abcdefghijklmnopqrstuvwxyz           ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン              ' AS fold3_to,
    '←↑→↓↔↕↖↗↘↙↚↛↜↝↞↟↠↡↢↣↤↥↦↧↨↩↪↫↬↭↮↯↰↱↲↳↴↵↶↷↸↹↺↻↼↽↾↿⇀⇁⇂⇃⇄⇅⇆⇇⇈⇉⇊⇋⇌⇍⇎⇏⇐⇑⇒⇓⇔⇕⇖⇗⇘⇙⇚⇛⇜⇝⇞⇟⇠⇡⇢⇣⇤⇥⇦⇧⇨⇩⇪⇫⇬⇭⇮⇯⇰⇱⇲⇳⇴⇵⇶⇷⇸⇹⇺⇻⇼⇽⇾⇿∀∁∂∃∄∅∆∇∈∉∊∋∌∍∎∏∐∑−∓∔∕∖∗∘∙√∛∜∝∞∟∠∡∢∣∤∥∦∧∨∩∪∫∮∱∲∳∴∵∶∷∸∹∺∻∼∽∾∿≀≁≂≃≄≅≆≇≈≉≊≋≌≍≎≏≐≑≒≓≔≕≖≗≘≙≚≛≜≝≞≟≠≡≢≣≤≥≦≧≨≩≪≫≬≭≮≯≰≱≲≳≴≵≶≷≸≹≺≻≼≽≾≿⊀⊁⊂⊃⊄⊅⊆⊇⊈⊉⊊⊋⊌⊍⊎⊏⊐⊑⊒⊓⊔⊕⊖⊗⊘⊙⊚⊛⊜⊝⊞⊟⊠⊡⊢⊣⊤⊥⊦⊧⊨⊩⊪⊫⊬⊭⊮⊯⊰⊱⊲⊳⊴⊵⊶⊷⊸⊹⊺⊻⊼⊽⊾⊿⋀⋁⋂⋃⋄⋅⋆⋇⋈⋉⋊⋋⋌⋍⋎⋏⋐⋑⋒⋓⋔⋕⋖⋗⋘⋙⋚⋛⋜⋝⋞⋟⋠⋡⋢⋣⋤⋥⋦⋧⋨⋩⋪⋫⋬⋭⋮⋯⋰⋱⋲⋳⋴⋵⋶⋷⋸⋹⋺⋻⋼⋽⋾⋿⌀⌁⌂⌃⌄⌅⌆⌇⌈⌉⌊⌋⌌⌍⌎⌏⌐⌑⌒⌓⌔⌕⌖⌗⌘⌙⌚⌛⌜⌝⌞⌟⌠⌡⌢⌣⌤⌥⌦⌧⌨〈〉⌫⌬⌭⌮⌯⌰⌱⌲⌳⌴⌵⌶⌷⌸⌹⌺⌻⌼⌽⌾⌿⍀⍁⍂⍃⍄⍅⍆⍇⍈⍉⍊⍋⍌⍍⍎⍏⍐⍑⍒⍓⍔⍕⍖⍗⍘⍙⍚⍛⍜⍝⍞⍟⍠⍡⍢⍣⍤⍥⍦⍧⍨⍩⍪⍫⍬⍭⍮⍯⍰⍱⍲⍳⍴⍵⍶⍷⍸⍹⍺⍻⍼⍽⍾⍿⎀⎁⎂⎃⎄⎅⎆⎇⎈⎉⎊⎋⎌⎍⎎⎏⎐⎑⎒⎓⎔⎕⎖⎗⎘⎙⎚⎛⎜⎝⎞⎟⎠⎡⎢⎣⎤⎥⎦⎧⎨⎩⎪⎫⎬⎭⎮⎯⎰⎱⎲⎳⎴⎵⎶⎷⎸⎹⎺⎻⎼⎽⎾⎿⏀⏁⏂⏃⏄⏅⏆⏇⏈⏉⏊⏋⏌⏍⏎⏏⏐⏑⏒⏓⏔⏕⏖⏗⏘⏙⏚⏛⏜⏝⏞⏟⏠⏡⏢⏣⏤⏥⏦⏧⏨⏩⏪⏫⏬⏭⏮⏯⏰⏱⏲⏳⏴⏵⏶⏷⏸⏹⏺⏻⏼⏽⏾⏿␀␁␂␃␄␅␆␇␈␉␊␋␌␍␎␏␐␑␒␓␔␕␖␗␘␙␚␛␜␝␞␟␠␡␢␣␤␥␦␧␨␩⑀⑁⑂⑃⑄⑅⑆⑇⑈⑉⑊①②③④⑤⑥⑦⑧⑨ⒶⒷⒸⒹⒺⒻⒼⒽⒾⒿⓀⓁⓂⓃⓄⓅⓆⓇⓈⓉⓊⓋⓌⓍⓎⓏⓐⓑⓒⓓⓔⓕⓖⓗⓘⓙⓚⓛⓜⓝⓞⓟⓠⓡⓢⓣⓤⓥⓦⓧⓨⓩ⓪─━│┃┄┅┆┇┈┉┊┋┌┍┎┏┐┑┒┓└┕┖┗┘┙┚┛├┝┞┟┠┡┢┣┤┥┦┧┨┩┪┫┬┭┮┯┰┱┲┳┴┵┶┷┸┹┺┻┼┽┾┿╀╁╂╃╄╅╆╇╈╉╊╋╌╍╎╏═║╒╓╔╕╖╗╘╙╚╛╜╝╞╟╠╡╢╣╤╥╦╧╨╩╪╫╬╭╮╯╰╱╲╳╴╵╶╷╸╹╺╻╼╽╾╿▀▁▂▃▄▅▆▇█▉▊▋▌▍▎▏▐░▒▓▔▕▖▗▘▙▚▛▜▝▞▟■□▢▣▤▥▦▧▨▩▪▫▬▭▮▯▰▱▲△▴▵▶▷▸▹►▻▼▽▾▿◀◁◂◃◄◅◆◇◈◉◊○◌◍◎●◐◑◒◓◔◕◖◗◘◙◚◛◜◝◞◟◠◡◢◣◤◥◦◧◨◩◪◫◬◭◮◯◰◱◲◳◴◵◶◷◸◹◺◻◼◽◾◿☀☁☂☃☄★☆☇☈☉☊☋☌☍☎☏☐☑☒☓☔☕☖☗☘☙☚☛☜☝☞☟☠☡☢☣☤☥☦☧☨☩☪☫☬☭☮☯☰☱☲☳☴☵☶☷☸☹☺☻☼☽☾☿♀♁♂♃♄♅♆♇♈♉♊♋♌♍♎♏♐♑♒♓♔♕♖♗♘♙♚♛♜♝♞♟♠♡♢♣♤♥♦♧♨♩♪♫♬♭♮♯♰♱♲♳♴♵♶♷♸♹♺♻♼♽♾♿⚀⚁⚂⚃⚄⚅⚆⚇⚈⚉⚊⚋⚌⚍⚎⚏⚐⚑⚒⚓⚔⚕⚖⚗⚘⚙⚚⚛⚜⚝⚞⚟⚠⚡⚢⚣⚤⚥⚦⚧⚨⚩⚪⚫⚬⚭⚮⚯⚰⚱⚲⚳⚴⚵⚶⚷⚸⚹⚺⚻⚼⚽⚾⚿⛀⛁⛂⛃⛄⛅⛆⛇⛈⛉⛊⛋⛌⛍⛎⛏⛐⛑⛒⛓⛔⛕⛖⛗⛘⛙⛚⛛⛜⛝⛞⛟⛠⛡⛢⛣⛤⛥⛦⛧⛨⛩⛪⛫⛬⛭⛮⛯⛰⛱⛲⛳⛴⛵⛶⛷⛸⛹⛺⛻⛼⛽⛾⛿✀✁✂✃✄✅✆✇✈✉✊✋✌✍✎✏✐✑✒✓✔✕✖✗✘✙✚✛✜✝✞✟✠✡✢✣✤✥✦✧✨✩✪✫✬✭✮✯✰✱✲✳✴✵✶✷✸✹✺✻✼✽✾✿❀❁❂❃❄❅❆❇❈❉❊❋❌❍❎❏❐❑❒❓❔❕❖❗❘❙❚❛❜❝❞❟❠❡❢❣❤❥❦❧❨❩❪❫❬❭❮❯❰❱❲❳❴❵➔➕➖➗➘➙➚➛➜➝➞➟➠➡➢➣➤➥➦➧➨➩➪➫➬➭➮➯➰➱➲➳➴➵➶➷➸➹➺➻➼➽➾➿⟀⟁⟂⟃⟄⟅⟆⟇⟈⟉⟊⟋⟌⟍⟎⟏⟐⟑⟒⟓⟔⟕⟖⟗⟘⟙⟚⟛⟜⟝⟞⟟⟠⟡⟢⟣⟤⟥⟦⟧⟨⟩⟪⟫⟬⟭⟮⟯⟰⟱⟲⟳⟴⟵⟶⟷⟸⟹⟺⟻⟼⟽⟾⟿⠀⠁⠂⠃⠄⠅⠆⠇⠈⠉⠊⠋⠌⠍⠎⠏⠐⠑⠒⠓⠔⠕⠖⠗⠘⠙⠚⠛⠜⠝⠞⠟⠠⠡⠢⠣⠤⠥⠦⠧⠨⠩⠪⠫⠬⠭⠮⠯⠰⠱⠲⠳⠴⠵⠶⠷⠸⠹⠺⠻⠼⠽⠾⠿⡀⡁⡂⡃⡄⡅⡆⡇⡈⡉⡊⡋⡌⡍⡎⡏⡐⡑⡒⡓⡔⡕⡖⡗⡘⡙⡚⡛⡜⡝⡞⡟⡠⡡⡢⡣⡤⡥⡦⡧⡨⡩⡪⡫⡬⡭⡮⡯⡰⡱⡲⡳⡴⡵⡶⡷⡸⡹⡺⡻⡼⡽⡾⡿⢀⢁⢂⢃⢄⢅⢆⢇⢈⢉⢊⢋⢌⢍⢎⢏⢐⢑⢒⢓⢔⢕⢖⢗⢘⢙⢚⢛⢜⢝⢞⢟⢠⢡⢢⢣⢤⢥⢦⢧⢨⢩⢪⢫⢬⢭⢮⢯⢰⢱⢲⢳⢴⢵⢶⢷⢸⢹⢺⢻⢼⢽⢾⢿⣀⣁⣂⣃⣄⣅⣆⣇⣈⣉⣊⣋⣌⣍⣎⣏⣐⣑⣒⣓⣔⣕⣖⣗⣘⣙⣚⣛⣜⣝⣞⣟⣠⣡⣢⣣⣤⣥⣦⣧⣨⣩⣪⣫⣬⣭⣮⣯⣰⣱⣲⣳⣴⣵⣶⣷⣸⣹⣺⣻⣼⣽⣾⣿⤀⤁⤂⤃⤄⤅⤆⤇⤈⤉⤊⤋⤌⤍⤎⤏⤐⤑⤒⤓⤔⤕⤖⤗⤘⤙⤚⤛⤜⤝⤞⤟⤠⤡⤢⤣⤤⤥⤦⤧⤨⤩⤪⤫⤬⤭⤮⤯⤰⤱⤲⤳⤴⤵⤶⤷⤸⤹⤺⤻⤼⤽⤾⤿⥀⥁⥂⥃⥄⥅⥆⥇⥈⥉⥊⥋⥌⥍⥎⥏⥐⥑⥒⥓⥔⥕⥖⥗⥘⥙⥚⥛⥜⥝⥞⥟⥠⥡⥢⥣⥤⥥⥦⥧⥨⥩⥪⥫⥬⥭⥮⥯⥰⥱⥲⥳⥴⥵⥶⥷⥸⥹⥺⥻⥼⥽⥾⥿⦀⦁⦂⦃⦄⦅⦆⦇⦈⦉⦊⦋⦌⦍⦎⦏⦐⦑⦒⦓⦔⦕⦖⦗⦘⦙⦚⦛⦜⦝⦞⦟⦠⦡⦢⦣⦤⦥⦦⦧⦨⦩⦪⦫⦬⦭⦮⦯⦰⦱⦲⦳⦴⦵⦶⦷⦸⦹⦺⦻⦼⦽⦾⦿⧀⧁⧂⧃⧄⧅⧆⧇⧈⧉⧊⧋⧌⧍⧎⧏⧐⧑⧒⧓⧔⧕⧖⧗⧘⧙⧚⧛⧜⧝⧞⧟⧠⧡⧢⧣⧤⧥⧦⧧⧨⧩⧪⧫⧬⧭⧮⧯⧰⧱⧲⧳⧴⧵⧶⧷⧸⧹⧺⧻⧼⧽⧾⧿⨀⨁⨂⨃⨄⨅⨆⨇⨈⨉⨊⨋⨍⨎⨏⨐⨑⨒⨓⨔⨕⨖⨗⨘⨙⨚⨛⨜⨝⨞⨟⨠⨡⨢⨣⨤⨥⨦⨧⨨⨩⨪⨫⨬⨭⨮⨯⨰⨱⨲⨳⨴⨵⨶⨷⨸⨹⨺⨻⨼⨽⨾⨿⩀⩁⩂⩃⩄⩅⩆⩇⩈⩉⩊⩋⩌⩍⩎⩏⩐⩑⩒⩓⩔⩕⩖⩗⩘⩙⩚⩛⩜⩝⩞⩟⩠⩡⩢⩣⩤⩥⩦⩧⩨⩩⩪⩫⩬⩭⩮⩯⩰⩱⩲⩳⩷⩸⩹⩺⩻⩼⩽⩾⩿⪀⪁⪂⪃⪄⪅⪆⪇⪈⪉⪊⪋⪌⪍⪎⪏⪐⪑⪒⪓⪔⪕⪖⪗⪘⪙⪚⪛⪜⪝⪞⪟⪠⪡⪢⪣⪤⪥⪦⪧⪨⪩⪪⪫⪬⪭⪮⪯⪰⪱⪲⪳⪴⪵⪶⪷⪸⪹⪺⪻⪼⪽⪾⪿⫀⫁⫂⫃⫄⫅⫆⫇⫈⫉⫊⫋⫌⫍⫎⫏⫐⫑⫒⫓⫔⫕⫖⫗⫘⫙⫚⫛⫝̸⫝⫞⫟⫠⫡⫢⫣⫤⫥⫦⫧⫨⫩⫪⫫⫬⫭⫮⫯⫰⫱⫲⫳⫴⫵⫶⫷⫸⫹⫺⫻⫼⫽⫾⫿⬀⬁⬂⬃⬄⬅⬆⬇⬈⬉⬊⬋⬌⬍⬎⬏⬐⬑⬒⬓⬔⬕⬖⬗⬘⬙⬚⬛⬜⬝⬞⬟⬠⬡⬢⬣⬤⬥⬦⬧⬨⬩⬪⬫⬬⬭⬮⬯⬰⬱⬲⬳⬴⬵⬶⬷⬸⬹⬺⬻⬼⬽⬾⬿⭀⭁⭂⭃⭄⭅⭆⭇⭈⭉⭊⭋⭌⭍⭎⭏⭐⭑⭒⭓⭔⭕⭖⭗⭘⭙⭚⭛⭜⭝⭞⭟⭠⭡⭢⭣⭤⭥⭦⭧⭨⭩⭪⭫⭬⭭⭮⭯⭰⭱⭲⭳⭶⭷⭸⭹⭺⭻⭼⭽⭾⭿⮀⮁⮂⮃⮄⮅⮆⮇⮈⮉⮊⮋⮌⮍⮎⮏⮐⮑⮒⮓⮔⮕⮖⮗⮘⮙⮚⮛⮜⮝⮞⮟⮠⮡⮢⮣⮤⮥⮦⮧⮨⮩⮪⮫⮬⮭⮮⮯⮰⮱⮲⮳⮴⮵⮶⮷⮸⮹⮺⮻⮼⮽⮾⮿⯀⯁⯂⯃⯄⯅⯆⯇⯈⯉⯊⯋⯌⯍⯎⯏⯐⯑⯒⯓⯔⯕⯖⯗⯘⯙⯚⯛⯜⯝⯞⯟⯠⯡⯢⯣⯤⯥⯦⯧⯨⯩⯪⯫⯬⯭⯮⯯⯰⯱⯲⯳⯴⯵⯶⯷⯸⯹⯺⯻⯼⯽⯾⯿🀀🀁🀂🀃🀄🀅🀆🀇🀈🀉🀊🀋🀌🀍🀎🀏🀐🀑🀒🀓🀔🀕🀖🀗🀘🀙🀚🀛🀜🀝🀞🀟🀠🀡🀢🀣🀤🀥🀦🀧🀨🀩🀪🀫🀰🀱🀲🀳🀴🀵🀶🀷🀸🀹🀺🀻🀼🀽🀾🀿🁀🁁🁂🁃🁄🁅🁆🁇🁈🁉🁊🁋🁌🁍🁎🁏🁐🁑🁒🁓🁔🁕🁖🁗🁘🁙🁚🁛🁜🁝🁞🁟🁠🁡🁢🁣🁤🁥🁦🁧🁨🁩🁪🁫🁬🁭🁮🁯🁰🁱🁲🁳🁴🁵🁶🁷🁸🁹🁺🁻🁼🁽🁾🁿🂀🂁🂂🂃🂄🂅🂆🂇🂈🂉🂊🂋🂌🂍🂎🂏🂐🂑🂒🂓🂠🂡🂢🂣🂤🂥🂦🂧🂨🂩🂪🂫🂬🂭🂮🂱🂲🂳🂴🂵🂶🂷🂸🂹🂺🂻🂼🂽🂾🂿🃁🃂🃃🃄🃅🃆🃇🃈🃉🃊🃋🃌🃍🃎🃏🃑🃒🃓🃔🃕🃖🃗🃘🃙🃚🃛🃜🃝🃞🃟🃠🃡🃢🃣🃤🃥🃦🃧🃨🃩🃪🃫🃬🃭🃮🃯🃰🃱🃲🃳🃴🃵🄍🄎🄏🄫🄬🄯🄰🄱🄲🄳🄴🄵🄶🄷🄸🄹🄺🄻🄼🄽🄾🄿🅀🅁🅂🅃🅄🅅🅆🅇🅈🅉🅐🅑🅒🅓🅔🅕🅖🅗🅘🅙🅚🅛🅜🅝🅞🅟🅠🅡🅢🅣🅤🅥🅦🅧🅨🅩🅭🅮🅯🅰🅱🅲🅳🅴🅵🅶🅷🅸🅹🅺🅻🅼🅽🅾🅿🆀🆁🆂🆃🆄🆅🆆🆇🆈🆉🆊🆋🆌🆍🆎🆏🆑🆒🆓🆔🆕🆖🆗🆘🆙🆚🆛🆜🆝🆞🆟🆠🆡🆢🆣🆤🆥🆦🆧🆨🆩🆪🆫🆬🆭🇦🇧🇨🇩🇪🇫🇬🇭🇮🇯🇰🇱🇲🇳🇴🇵🇶🇷🇸🇹🇺🇻🇼🇽🇾🇿🈂🈐🈑🈒🈓🈔🈕🈖🈗🈘🈙🈚🈛🈜🈝🈞🈟🈠🈡🈢🈣🈤🈥🈦🈧🈨🈩🈪🈫🈬🈭🈮🈯🈰🈱🈲🈳🈴🈵🈶🈷🈸🈹🈺🈻🉐🉑🉠🉡🉢🉣🉤🉥🌀🌁🌂🌃🌄🌅🌆🌇🌈🌉🌊🌋🌌🌍🌎🌏🌐🌑🌒🌓🌔🌕🌖🌗🌘🌙🌚🌛🌜🌝🌞🌟🌠🌡🌢🌣🌤🌥🌦🌧🌨🌩🌪🌫🌬🌭🌮🌯🌰🌱🌲🌳🌴🌵🌶🌷🌸🌹🌺🌻🌼🌽🌾🌿🍀🍁🍂🍃🍄🍅🍆🍇🍈🍉🍊🍋🍌🍍🍎🍏🍐🍑🍒🍓🍔🍕🍖🍗🍘🍙🍚🍛🍜🍝🍞🍟🍠🍡🍢🍣🍤🍥🍦🍧🍨🍩🍪🍫🍬🍭🍮🍯🍰🍱🍲🍳🍴🍵🍶🍷🍸🍹🍺🍻🍼🍽🍾🍿🎀🎁🎂🎃🎄🎅🎆🎇🎈🎉🎊🎋🎌🎍🎎🎏🎐🎑🎒🎓🎔🎕🎖🎗🎘🎙🎚🎛🎜🎝🎞🎟🎠🎡🎢🎣🎤🎥🎦🎧🎨🎩🎪🎫🎬🎭🎮🎯🎰🎱🎲🎳🎴🎵🎶🎷🎸🎹🎺🎻🎼🎽🎾🎿🏀🏁🏂🏃🏄🏅🏆🏇🏈🏉🏊🏋🏌🏍🏎🏏🏐🏑🏒🏓🏔🏕🏖🏗🏘🏙🏚🏛🏜🏝🏞🏟🏠🏡🏢🏣🏤🏥🏦🏧🏨🏩🏪🏫🏬🏭🏮🏯🏰🏱🏲🏳🏴🏵🏶🏷🏸🏹🏺🏻🏼🏽🏾🏿🐀🐁🐂🐃🐄🐅🐆🐇🐈🐉🐊🐋🐌🐍🐎🐏🐐🐑🐒🐓🐔🐕🐖🐗🐘🐙🐚🐛🐜🐝🐞🐟🐠🐡🐢🐣🐤🐥🐦🐧🐨🐩🐪🐫🐬🐭🐮🐯🐰🐱🐲🐳🐴🐵🐶🐷🐸🐹🐺🐻🐼🐽🐾🐿👀👁👂👃👄👅👆👇👈👉👊👋👌👍👎👏👐👑👒👓👔👕👖👗👘👙👚👛👜👝👞👟👠👡👢👣👤👥👦👧👨👩👪👫👬👭👮👯👰👱👲👳👴👵👶👷👸👹👺👻👼👽👾👿💀💁💂💃💄💅💆💇💈💉💊💋💌💍💎💏💐💑💒💓💔💕💖💗💘💙💚💛💜💝💞💟💠💡💢💣💤💥💦💧💨💩💪💫💬💭💮💯💰💱💲💳💴💵💶💷💸💹💺💻💼💽💾💿📀📁📂📃📄📅📆📇📈📉📊📋📌📍📎📏📐📑📒📓📔📕📖📗📘📙📚📛📜📝📞📟📠📡📢📣📤📥📦📧📨📩📪📫📬📭📮📯📰📱📲📳📴📵📶📷📸📹📺📻📼📽📾📿🔀🔁🔂🔃🔄🔅🔆🔇🔈🔉🔊🔋🔌🔍🔎🔏🔐🔑🔒🔓🔔🔕🔖🔗🔘🔙🔚🔛🔜🔝🔞🔟🔠🔡🔢🔣🔤🔥🔦🔧🔨🔩🔪🔫🔬🔭🔮🔯🔰🔱🔲🔳🔴🔵🔶🔷🔸🔹🔺🔻🔼🔽🔾🔿🕀🕁🕂🕃🕄🕅🕆🕇🕈🕉🕊🕋🕌🕍🕎🕏🕐🕑🕒🕓🕔🕕🕖🕗🕘🕙🕚🕛🕜🕝🕞🕟🕠🕡🕢🕣🕤🕥🕦🕧🕨🕩🕪🕫🕬🕭🕮🕯🕰🕱🕲🕳🕴🕵🕶🕷🕸🕹🕺🕻🕼🕽🕾🕿🖀🖁🖂🖃🖄🖅🖆🖇🖈🖉🖊🖋🖌🖍🖎🖏🖐🖑🖒🖓🖔🖕🖖🖗🖘🖙🖚🖛🖜🖝🖞🖟🖠🖡🖢🖣🖤🖥🖦🖧🖨🖩🖪🖫🖬🖭🖮🖯🖰🖱🖲🖳🖴🖵🖶🖷🖸🖹🖺🖻🖼🖽🖾🖿🗀🗁🗂🗃🗄🗅🗆🗇🗈🗉🗊🗋🗌🗍🗎🗏🗐🗑🗒🗓🗔🗕🗖🗗🗘🗙🗚🗛🗜🗝🗞🗟🗠🗡🗢🗣🗤🗥🗦🗧🗨🗩🗪🗫🗬🗭🗮🗯🗰🗱🗲🗳🗴🗵🗶🗷🗸🗹🗺🗻🗼🗽🗾🗿😀😁😂😃😄😅😆😇😈😉😊😋😌😍😎😏😐😑😒😓😔😕😖😗😘😙😚😛😜😝😞😟😠😡😢😣😤😥😦😧😨😩😪😫😬😭😮😯😰😱😲😳😴😵😶😷😸😹😺😻😼😽😾😿🙀🙁🙂🙃🙄🙅🙆🙇🙈🙉🙊🙋🙌🙍🙎🙏🙐🙑🙒🙓🙔🙕🙖🙗🙘🙙🙚🙛🙜🙝🙞🙟🙠🙡🙢🙣🙤🙥🙦🙧🙨🙩🙪🙫🙬🙭🙮🙯🙰🙱🙲🙳🙴🙵🙶🙷🙸🙹🙺🙻🙼🙽🙾🙿🚀🚁🚂🚃🚄🚅🚆🚇🚈🚉🚊🚋🚌🚍🚎🚏🚐🚑🚒🚓🚔🚕🚖🚗🚘🚙🚚🚛🚜🚝🚞🚟🚠🚡🚢🚣🚤🚥🚦🚧🚨🚩🚪🚫🚬🚭🚮🚯🚰🚱🚲🚳🚴🚵🚶🚷🚸🚹🚺🚻🚼🚽🚾🚿🛀🛁🛂🛃🛄🛅🛆🛇🛈🛉🛊🛋🛌🛍🛎🛏🛐🛑🛒🛓🛔🛕🛖🛗🛘🛜🛝🛞🛟🛠🛡🛢🛣🛤🛥🛦🛧🛨🛩🛪🛫🛬🛰🛱🛲🛳🛴🛵🛶🛷🛸🛹🛺🛻🛼🜀🜁🜂🜃🜄🜅🜆🜇🜈🜉🜊🜋🜌🜍🜎🜏🜐🜑🜒🜓🜔🜕🜖🜗🜘🜙🜚🜛🜜🜝🜞🜟🜠🜡🜢🜣🜤🜥🜦🜧🜨🜩🜪🜫🜬🜭🜮🜯🜰🜱🜲🜳🜴🜵🜶🜷🜸🜹🜺🜻🜼🜽🜾🜿🝀🝁🝂🝃🝄🝅🝆🝇🝈🝉🝊🝋🝌🝍🝎🝏🝐🝑🝒🝓🝔🝕🝖🝗🝘🝙🝚🝛🝜🝝🝞🝟🝠🝡🝢🝣🝤🝥🝦🝧🝨🝩🝪🝫🝬🝭🝮🝯🝰🝱🝲🝳🝴🝵🝶🝷🝸🝹🝺🝻🝼🝽🝾🝿🞀🞁🞂🞃🞄🞅🞆🞇🞈🞉🞊🞋🞌🞍🞎🞏🞐🞑🞒🞓🞔🞕🞖🞗🞘🞙🞚🞛🞜🞝🞞🞟🞠🞡🞢🞣🞤🞥🞦🞧🞨🞩🞪🞫🞬🞭🞮🞯🞰🞱🞲🞳🞴🞵🞶🞷🞸🞹🞺🞻🞼🞽🞾🞿🟀🟁🟂🟃🟄🟅🟆🟇🟈🟉🟊🟋🟌🟍🟎🟏🟐🟑🟒🟓🟔🟕🟖🟗🟘🟙🟠🟡🟢🟣🟤🟥🟦🟧🟨🟩🟪🟫🟰🠀🠁🠂🠃🠄🠅🠆🠇🠈🠉🠊🠋🠐🠑🠒🠓🠔🠕🠖🠗🠘🠙🠚🠛🠜🠝🠞🠟🠠🠡🠢🠣🠤🠥🠦🠧🠨🠩🠪🠫🠬🠭🠮🠯🠰🠱🠲🠳🠴🠵🠶🠷🠸🠹🠺🠻🠼🠽🠾🠿🡀🡁🡂🡃🡄🡅🡆🡇🡐🡑🡒🡓🡔🡕🡖🡗🡘🡙🡠🡡🡢🡣🡤🡥🡦🡧🡨🡩🡪🡫🡬🡭🡮🡯🡰🡱🡲🡳🡴🡵🡶🡷🡸🡹🡺🡻🡼🡽🡾🡿🢀🢁🢂🢃🢄🢅🢆🢇🢐🢑🢒🢓🢔🢕🢖🢗🢘🢙🢚🢛🢜🢝🢞🢟🢠🢡🢢🢣🢤🢥🢦🢧🢨🢩🢪🢫🢬🢭🢰🢱🢲🢳🢴🢵🢶🢷🢸🢹🢺🢻🣀🣁🣐🣑🣒🣓🣔🣕🣖🣗🣘🤀🤁🤂🤃🤄🤅🤆🤇🤈🤉🤊🤋🤌🤍🤎🤏🤐🤑🤒🤓🤔🤕🤖🤗🤘🤙🤚🤛🤜🤝🤞🤟🤠🤡🤢🤣🤤🤥🤦🤧🤨🤩🤪🤫🤬🤭🤮🤯🤰🤱🤲🤳🤴🤵🤶🤷🤸🤹🤺🤻🤼🤽🤾🤿🥀🥁🥂🥃🥄🥅🥆🥇🥈🥉🥊🥋🥌🥍🥎🥏🥐🥑🥒🥓🥔🥕🥖🥗🥘🥙🥚🥛🥜🥝🥞🥟🥠🥡🥢🥣🥤🥥🥦🥧🥨🥩🥪🥫🥬🥭🥮🥯🥰🥱🥲🥳🥴🥵🥶🥷🥸🥹🥺🥻🥼🥽🥾🥿🦀🦁🦂🦃🦄🦅🦆🦇🦈🦉🦊🦋🦌🦍🦎🦏🦐🦑🦒🦓🦔🦕🦖🦗🦘🦙🦚🦛🦜🦝🦞🦟🦠🦡🦢🦣🦤🦥🦦🦧🦨🦩🦪🦫🦬🦭🦮🦯🦰🦱🦲🦳🦴🦵🦶🦷🦸🦹🦺🦻🦼🦽🦾🦿🧀🧁🧂🧃🧄🧅🧆🧇🧈🧉🧊🧋🧌🧍🧎🧏🧐🧑🧒🧓🧔🧕🧖🧗🧘🧙🧚🧛🧜🧝🧞🧟🧠🧡🧢🧣🧤🧥🧦🧧🧨🧩🧪🧫🧬🧭🧮🧯🧰🧱🧲🧳🧴🧵🧶🧷🧸🧹🧺🧻🧼🧽🧾🧿🨀🨁🨂🨃🨄🨅🨆🨇🨈🨉🨊🨋🨌🨍🨎🨏🨐🨑🨒🨓🨔🨕🨖🨗🨘🨙🨚🨛🨜🨝🨞🨟🨠🨡🨢🨣🨤🨥🨦🨧🨨🨩🨪🨫🨬🨭🨮🨯🨰🨱🨲🨳🨴🨵🨶🨷🨸🨹🨺🨻🨼🨽🨾🨿🩀🩁🩂🩃🩄🩅🩆🩇🩈🩉🩊🩋🩌🩍🩎🩏🩐🩑🩒🩓🩔🩕🩖🩗🩠🩡🩢🩣🩤🩥🩦🩧🩨🩩🩪🩫🩬🩭🩰🩱🩲🩳🩴🩵🩶🩷🩸🩹🩺🩻🩼🪀🪁🪂🪃🪄🪅🪆🪇🪈🪉🪊🪎🪏🪐🪑🪒🪓🪔🪕🪖🪗🪘🪙🪚🪛🪜🪝🪞🪟🪠🪡🪢🪣🪤🪥🪦🪧🪨🪩🪪🪫🪬🪭🪮🪯🪰🪱🪲🪳🪴🪵🪶🪷🪸🪹🪺🪻🪼🪽🪾🪿🫀🫁🫂🫃🫄🫅🫆🫈🫍🫎🫏🫐🫑🫒🫓🫔🫕🫖🫗🫘🫙🫚🫛🫜🫟🫠🫡🫢🫣🫤🫥🫦🫧🫨🫩🫪🫯🫰🫱🫲🫳🫴🫵🫶🫷🫸󠀁󠀠󠀡󠀢󠀣󠀤󠀥󠀦󠀧󠀨󠀩󠀪󠀫󠀬󠀭󠀮󠀯󠀰󠀱󠀲󠀳󠀴󠀵󠀶󠀷󠀸󠀹󠀺󠀻󠀼󠀽󠀾󠀿󠁀󠁁󠁂󠁃󠁄󠁅󠁆󠁇󠁈󠁉󠁊󠁋󠁌󠁍󠁎󠁏󠁐󠁑󠁒󠁓󠁔󠁕󠁖󠁗󠁘󠁙󠁚󠁛󠁜󠁝󠁞󠁟󠁠󠁡󠁢󠁣󠁤󠁥󠁦󠁧󠁨󠁩󠁪󠁫󠁬󠁭󠁮󠁯󠁰󠁱󠁲󠁳󠁴󠁵󠁶󠁷󠁸󠁹󠁺󠁻󠁼󠁽󠁾󠁿︀︁︂︃︄︅︆︇︈︉︊︋︌︍︎️' AS fold4_from, '                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                 123456789abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz0                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                 cr abcdefghijklmnopqrstuvwxyz                                                                                                                    サ手字双テ二多解天交映無料前後再新初終生販声吹演投捕一三遊左中右指走打禁空合満有月申割営配得可                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                              ' AS fold4_to,
    '	
!"#$%&''()*+,-./:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`{|}~' AS fold5_from, '                                                     abcdefghijklmnopqrstuvwxyz           ' AS fold5_to
),
-- the cells each field reads, as text (NULL where no column maps)
pt__cells AS MATERIALIZED (
  SELECT *,
    CAST("Business Type" AS TEXT) AS pt__f2_v,
    CAST("Employees" AS TEXT) AS pt__f3_v,
    CAST("Phone" AS TEXT) AS pt__f4_v,
    CAST("Preferred Channel" AS TEXT) AS pt__f5_v
  FROM "prospects"
),
-- field type: its distinct values
pt__f2_values AS MATERIALIZED (
  SELECT DISTINCT pt__f2_v
  FROM pt__cells
  WHERE pt__f2_v IS NOT NULL
),
-- type: trimmed as JavaScript trims
pt__f2_trimmed AS MATERIALIZED (
  SELECT *,
    regexp_replace(pt__f2_v, '^[	
    -     　﻿]+|[	
    -     　﻿]+$', '', 'g') AS pt__f2_t
  FROM pt__f2_values
),
-- type: blank (empty or a placeholder such as n/a)
pt__f2_blank AS MATERIALIZED (
  SELECT *,
    (pt__f2_v IS NULL OR lower(translate(pt__f2_t, 'Kİ', 'k!')) IN ('', '-', '--', '---', '—', 'n/a', 'na', '#n/a', 'null', 'nil', 'none', 'unknown', '?')) AS pt__f2_b
  FROM pt__f2_trimmed
),
-- type: words as the engine folds them (engine/text.ts): lower case, no accents, one space between
pt__f2_words1 AS MATERIALIZED (
  SELECT *,
    CASE WHEN (pt__f2_v ~ '^[	
 -~]*$') THEN trim(regexp_replace(lower(pt__f2_v), '[^a-z0-9]+', ' ', 'g')) END AS pt__f2_p_ascii,
    CASE WHEN NOT (pt__f2_v ~ '^[	
 -~]*$') THEN CASE WHEN (pt__f2_v ~ '[¼-¾ÆÞßæþĲĳĿŀŉŒœǄ-ǌǢǣǱ-ǳǼǽևẚẞ‥…″‴‶‷‼⁇-⁉⁗₨℀℁℃℅℆℉№℠-™℻⅐-⅟Ⅱ-ⅣⅥ-ⅨⅪⅫⅱ-ⅳⅵ-ⅸⅺⅻ↉∬∭∯∰⑩-⒵⨌⩴-⩶ゟヿ🄀-🄊🄐-🄪🄭🄮🅊-🅏🅪-🅬🆐🈀🈁🉀-🉈]') THEN replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(pt__f2_v, '¼', '1 4'), '½', '1 2'), '¾', '3 4'), 'Æ', 'ae'), 'Þ', 'th'), 'ß', 'ss'), 'æ', 'ae'), 'þ', 'th'), 'Ĳ', 'ij'), 'ĳ', 'ij'), 'Ŀ', 'l '), 'ŀ', 'l '), 'ŉ', 'ʼn'), 'Œ', 'oe'), 'œ', 'oe'), 'Ǆ', 'dz'), 'ǅ', 'dz'), 'ǆ', 'dz'), 'Ǉ', 'lj'), 'ǈ', 'lj'), 'ǉ', 'lj'), 'Ǌ', 'nj'), 'ǋ', 'nj'), 'ǌ', 'nj'), 'Ǣ', 'ae'), 'ǣ', 'ae'), 'Ǳ', 'dz'), 'ǲ', 'dz'), 'ǳ', 'dz'), 'Ǽ', 'ae'), 'ǽ', 'ae'), 'և', 'եւ'), 'ẚ', 'aʾ'), 'ẞ', 'ss'), '‥', '  '), '…', '   '), '″', '  '), '‴', '   '), '‶', '  '), '‷', '   '), '‼', '  '), '⁇', '  '), '⁈', '  '), '⁉', '  '), '⁗', '    '), '₨', 'rs'), '℀', 'a c'), '℁', 'a s'), '℃', ' c'), '℅', 'c o'), '℆', 'c u'), '℉', ' f'), '№', 'no'), '℠', 'sm'), '℡', 'tel'), '™', 'tm'), '℻', 'fax'), '⅐', '1 7'), '⅑', '1 9'), '⅒', '1 10'), '⅓', '1 3'), '⅔', '2 3'), '⅕', '1 5'), '⅖', '2 5'), '⅗', '3 5'), '⅘', '4 5'), '⅙', '1 6'), '⅚', '5 6'), '⅛', '1 8'), '⅜', '3 8'), '⅝', '5 8'), '⅞', '7 8'), '⅟', '1 '), 'Ⅱ', 'ii'), 'Ⅲ', 'iii'), 'Ⅳ', 'iv'), 'Ⅵ', 'vi'), 'Ⅶ', 'vii'), 'Ⅷ', 'viii'), 'Ⅸ', 'ix'), 'Ⅺ', 'xi'), 'Ⅻ', 'xii'), 'ⅱ', 'ii'), 'ⅲ', 'iii'), 'ⅳ', 'iv'), 'ⅵ', 'vi'), 'ⅶ', 'vii'), 'ⅷ', 'viii'), 'ⅸ', 'ix'), 'ⅺ', 'xi'), 'ⅻ', 'xii'), '↉', '0 3'), 'ゟ', 'より'), 'ヿ', 'コト'), '∬', '  '), '∭', '   '), '∯', '  '), '∰', '   '), '⑩', '10'), '⑪', '11'), '⑫', '12'), '⑬', '13'), '⑭', '14'), '⑮', '15'), '⑯', '16'), '⑰', '17'), '⑱', '18'), '⑲', '19'), '⑳', '20'), '⑴', ' 1 '), '⑵', ' 2 '), '⑶', ' 3 '), '⑷', ' 4 '), '⑸', ' 5 '), '⑹', ' 6 '), '⑺', ' 7 '), '⑻', ' 8 '), '⑼', ' 9 '), '⑽', ' 10 '), '⑾', ' 11 '), '⑿', ' 12 '), '⒀', ' 13 '), '⒁', ' 14 '), '⒂', ' 15 '), '⒃', ' 16 '), '⒄', ' 17 '), '⒅', ' 18 '), '⒆', ' 19 '), '⒇', ' 20 '), '⒈', '1 '), '⒉', '2 '), '⒊', '3 '), '⒋', '4 '), '⒌', '5 '), '⒍', '6 '), '⒎', '7 '), '⒏', '8 '), '⒐', '9 '), '⒑', '10 '), '⒒', '11 '), '⒓', '12 '), '⒔', '13 '), '⒕', '14 '), '⒖', '15 '), '⒗', '16 '), '⒘', '17 '), '⒙', '18 '), '⒚', '19 '), '⒛', '20 '), '⒜', ' a '), '⒝', ' b '), '⒞', ' c '), '⒟', ' d '), '⒠', ' e '), '⒡', ' f '), '⒢', ' g '), '⒣', ' h '), '⒤', ' i '), '⒥', ' j '), '⒦', ' k '), '⒧', ' l '), '⒨', ' m '), '⒩', ' n '), '⒪', ' o '), '⒫', ' p '), '⒬', ' q '), '⒭', ' r '), '⒮', ' s '), '⒯', ' t '), '⒰', ' u '), '⒱', ' v '), '⒲', ' w '), '⒳', ' x '), '⒴', ' y '), '⒵', ' z '), '⨌', '    '), '⩴', '   '), '⩵', '  '), '⩶', '   '), '🄀', '0 '), '🄁', '0 '), '🄂', '1 '), '🄃', '2 '), '🄄', '3 '), '🄅', '4 '), '🄆', '5 '), '🄇', '6 '), '🄈', '7 '), '🄉', '8 '), '🄊', '9 '), '🄐', ' a '), '🄑', ' b '), '🄒', ' c '), '🄓', ' d '), '🄔', ' e '), '🄕', ' f '), '🄖', ' g '), '🄗', ' h '), '🄘', ' i '), '🄙', ' j '), '🄚', ' k '), '🄛', ' l '), '🄜', ' m '), '🄝', ' n '), '🄞', ' o '), '🄟', ' p '), '🄠', ' q '), '🄡', ' r '), '🄢', ' s '), '🄣', ' t '), '🄤', ' u '), '🄥', ' v '), '🄦', ' w '), '🄧', ' x '), '🄨', ' y '), '🄩', ' z '), '🄪', ' s '), '🄭', 'cd'), '🄮', 'wz'), '🅊', 'hv'), '🅋', 'mv'), '🅌', 'sd'), '🅍', 'ss'), '🅎', 'ppv'), '🅏', 'wc'), '🅪', 'mc'), '🅫', 'md'), '🅬', 'mr'), '🆐', 'dj'), '🈀', 'ほか'), '🈁', 'ココ'), '🉀', ' 本 '), '🉁', ' 三 '), '🉂', ' 二 '), '🉃', ' 安 '), '🉄', ' 点 '), '🉅', ' 打 '), '🉆', ' 盗 '), '🉇', ' 勝 '), '🉈', ' 敗 ') ELSE pt__f2_v END END AS pt__f2_p_x0
  FROM pt__f2_blank
),
-- pt__f2_words, step 2: pt__f2_p_x1
pt__f2_words2 AS MATERIALIZED (
  SELECT *,
    CASE WHEN (pt__f2_p_x0 ~ '[-»¿-ÅÇ-Ýà-åç-ýÿ]') THEN translate(pt__f2_p_x0, (SELECT fold0_from FROM pt__fold), (SELECT fold0_to FROM pt__fold)) ELSE pt__f2_p_x0 END AS pt__f2_p_x1
  FROM pt__f2_words1
),
-- pt__f2_words, step 3: pt__f2_p_x2
pt__f2_words3 AS MATERIALIZED (
  SELECT *,
    CASE WHEN (pt__f2_p_x1 ~ '[Ā-ıĴ-ķĹ-ľŁ-ňŊŌ-őŔ-ſƁƂƄƆƇƉ-ƋƎ-ƑƓƔƖ-ƘƜƝƟ-ƢƤƦƧƩƬƮ-ƳƵƷƸƼǍ-ǜǞ-ǡǤǦ-ǰǴ-ǻǾ-ȜȞ-ȠȢȤȦ-ȳȺȻȽȾɁɃ-ɆɈɊɌɎʰ-ʸ˂-˅˒-˫˭˯-ͯḀ-ẙẛẠ-ỺỼỾ]') THEN translate(pt__f2_p_x1, (SELECT fold1_from FROM pt__fold), (SELECT fold1_to FROM pt__fold)) ELSE pt__f2_p_x1 END AS pt__f2_p_x2
  FROM pt__f2_words2
),
-- pt__f2_words, step 4: pt__f2_p_x3
pt__f2_words4 AS MATERIALIZED (
  SELECT *,
    CASE WHEN (pt__f2_p_x2 ~ '[ͰͲʹ-Ͷͺ;Ϳ΄-ΊΌΎ-ΡΣ-ΰςϊ-ϖϘϚϜϞϠϢϤϦϨϪϬϮϰ-ϲϴ-ϷϹϺϽ-Яйѐёѓїќ-ўѠѢѤѦѨѪѬѮѰѲѴѶ-ѸѺѼѾҀ҂-ҊҌҎҐҒҔҖҘҚҜҞҠҢҤҦҨҪҬҮҰҲҴҶҸҺҼҾӀ-ӃӅӇӉӋӍӐ-ӔӖ-ӘӚ-ӠӢ-ӨӪ-ӶӸ-ӺӼӾԀԂԄԆԈԊԌԎԐԒԔԖԘԚԜԞԠԢԤԦԨԪԬԮԱ-Ֆ՚-՟։֊֍-֏ἀ-ἕἘ-Ἕἠ-ὅὈ-Ὅὐ-ὗὙὛὝὟ-ώᾀ-ᾴᾶ-ῄῆ-ΐῖ-Ί῝-`ῲ-ῴῶ-῾]') THEN translate(pt__f2_p_x2, (SELECT fold2_from FROM pt__fold), (SELECT fold2_to FROM pt__fold)) ELSE pt__f2_p_x2 END AS pt__f2_p_x3
  FROM pt__f2_words3
),
-- pt__f2_words, step 5: pt__f2_p_x4
pt__f2_words5 AS MATERIALIZED (
  SELECT *,
    CASE WHEN (pt__f2_p_x3 ~ '[  -․‧-′‵‸-※‽-⁆⁊-⁖⁘-⁤⁦-ⁱ⁴-₎ₐ-ₜ₠-₧₩-⃁⃐-⃰ℂ℄ℇ℈ℊ-ℕ℗-℟℣-℺ℼ-⅍⅏ⅠⅤⅩⅬ-ⅰⅴⅹⅼ-ⅿↃ↊↋　-〄〈-〠〪-〰〶-〺〽-〿がぎぐげござじずぜぞだぢづでどばぱびぴぶぷべぺぼぽゔ゙-゜ゞ゠ガギグゲゴザジズゼゾダヂヅデドバパビピブプベペボポヴヷ-・ヾ﻿！-ﾟ￠-￦￨-￮]') THEN translate(pt__f2_p_x3, (SELECT fold3_from FROM pt__fold), (SELECT fold3_to FROM pt__fold)) ELSE pt__f2_p_x3 END AS pt__f2_p_x4
  FROM pt__f2_words4
),
-- pt__f2_words, step 6: pt__f2_p_x5
pt__f2_words6 AS MATERIALIZED (
  SELECT *,
    CASE WHEN (pt__f2_p_x4 ~ '[←-∫∮∱-␩⑀-⑊①-⑨Ⓐ-⓪─-❵➔-⨋⨍-⩳⩷-⭳⭶-⯿︀-️🀀-🀫🀰-🂓🂠-🂮🂱-🂿🃁-🃏🃑-🃵🄍-🄏🄫🄬🄯-🅉🅐-🅩🅭-🆏🆑-🆭🇦-🇿🈂🈐-🈻🉐🉑🉠-🉥🌀-🛘🛜-🛬🛰-🛼🜀-🟙🟠-🟫🟰🠀-🠋🠐-🡇🡐-🡙🡠-🢇🢐-🢭🢰-🢻🣀🣁🣐-🣘🤀-🩗🩠-🩭🩰-🩼🪀-🪊🪎-🫆🫈🫍-🫜🫟-🫪🫯-🫸󠀁󠀠-󠁿]') THEN translate(pt__f2_p_x4, (SELECT fold4_from FROM pt__fold), (SELECT fold4_to FROM pt__fold)) ELSE pt__f2_p_x4 END AS pt__f2_p_x5
  FROM pt__f2_words5
),
-- pt__f2_words, step 7: pt__f2_p_x6
pt__f2_words7 AS MATERIALIZED (
  SELECT *,
    CASE WHEN (pt__f2_p_x5 ~ '[-!-/:-`{-]') THEN translate(pt__f2_p_x5, (SELECT fold5_from FROM pt__fold), (SELECT fold5_to FROM pt__fold)) ELSE pt__f2_p_x5 END AS pt__f2_p_x6
  FROM pt__f2_words6
),
-- pt__f2_words, step 8: pt__f2_p
pt__f2_words8 AS MATERIALIZED (
  SELECT *,
    coalesce(pt__f2_p_ascii, trim(regexp_replace(pt__f2_p_x6, '  +', ' ', 'g'))) AS pt__f2_p
  FROM pt__f2_words7
),
-- type: the words each keyword matched (whole words, * any letters), or NULL
pt__f2_keywords AS MATERIALIZED (
  SELECT *,
    -- wholesal*
    (regexp_match((' ' || pt__f2_p || ' '), ' (wholesal[^ ]*) '))[1] AS pt__f2_k1,
    -- distributor
    CASE WHEN strpos((' ' || pt__f2_p || ' '), ' distributor ') > 0 THEN 'distributor' END AS pt__f2_k2,
    -- cash and carry
    (regexp_match((' ' || pt__f2_p || ' '), ' (cash and carry) '))[1] AS pt__f2_k3,
    -- retail
    CASE WHEN strpos((' ' || pt__f2_p || ' '), ' retail ') > 0 THEN 'retail' END AS pt__f2_k4,
    -- boutique
    CASE WHEN strpos((' ' || pt__f2_p || ' '), ' boutique ') > 0 THEN 'boutique' END AS pt__f2_k5,
    -- manufacturer
    CASE WHEN strpos((' ' || pt__f2_p || ' '), ' manufacturer ') > 0 THEN 'manufacturer' END AS pt__f2_k6,
    -- factory
    CASE WHEN strpos((' ' || pt__f2_p || ' '), ' factory ') > 0 THEN 'factory' END AS pt__f2_k7
  FROM pt__f2_words8
),
-- type: each test on it: match 0..1 (NULL: blank or unreadable) and its detail
pt__f2_tests AS MATERIALIZED (
  SELECT *,
    -- criterion "trade-buyer": type has any of ["wholesal*","distributor","cash and carry"]
    CASE WHEN pt__f2_b THEN NULL ELSE CASE WHEN pt__f2_k1 IS NOT NULL OR pt__f2_k2 IS NOT NULL OR pt__f2_k3 IS NOT NULL THEN CAST(1.0 AS DOUBLE PRECISION) ELSE CAST(0.0 AS DOUBLE PRECISION) END END AS pt__c1_m,
    CASE WHEN pt__f2_b THEN 'missing' ELSE CASE WHEN pt__f2_k1 IS NOT NULL OR pt__f2_k2 IS NOT NULL OR pt__f2_k3 IS NOT NULL THEN concat_ws(', ', pt__f2_k1, CASE WHEN coalesce(pt__f2_k1, '') <> pt__f2_k2 AND TRUE THEN pt__f2_k2 END, CASE WHEN coalesce(pt__f2_k1, '') <> pt__f2_k3 AND coalesce(pt__f2_k2, '') <> pt__f2_k3 AND TRUE THEN pt__f2_k3 END) ELSE 'no keyword' END END AS pt__c1_d,
    NOT pt__f2_b AS pt__c1_ok,
    -- criterion "retail": type has any of ["retail","boutique"]
    CASE WHEN pt__f2_b THEN NULL ELSE CASE WHEN pt__f2_k4 IS NOT NULL OR pt__f2_k5 IS NOT NULL THEN CAST(1.0 AS DOUBLE PRECISION) ELSE CAST(0.0 AS DOUBLE PRECISION) END END AS pt__c5_m,
    CASE WHEN pt__f2_b THEN 'missing' ELSE CASE WHEN pt__f2_k4 IS NOT NULL OR pt__f2_k5 IS NOT NULL THEN concat_ws(', ', pt__f2_k4, CASE WHEN coalesce(pt__f2_k4, '') <> pt__f2_k5 AND TRUE THEN pt__f2_k5 END) ELSE 'no keyword' END END AS pt__c5_d,
    NOT pt__f2_b AS pt__c5_ok,
    -- disqualify rule "maker": type has any of ["manufacturer","factory"]
    CASE WHEN pt__f2_b THEN NULL ELSE CASE WHEN pt__f2_k6 IS NOT NULL OR pt__f2_k7 IS NOT NULL THEN CAST(1.0 AS DOUBLE PRECISION) ELSE CAST(0.0 AS DOUBLE PRECISION) END END AS pt__q1_m,
    CASE WHEN pt__f2_b THEN 'missing' ELSE CASE WHEN pt__f2_k6 IS NOT NULL OR pt__f2_k7 IS NOT NULL THEN concat_ws(', ', pt__f2_k6, CASE WHEN coalesce(pt__f2_k6, '') <> pt__f2_k7 AND TRUE THEN pt__f2_k7 END) ELSE 'no keyword' END END AS pt__q1_d,
    NOT pt__f2_b AS pt__q1_ok,
    -- segment "wholesale" rule 1: type has any of ["wholesal*"]
    CASE WHEN pt__f2_b THEN NULL ELSE CASE WHEN pt__f2_k1 IS NOT NULL THEN CAST(1.0 AS DOUBLE PRECISION) ELSE CAST(0.0 AS DOUBLE PRECISION) END END AS pt__s1w1_m,
    CASE WHEN pt__f2_b THEN 'missing' ELSE CASE WHEN pt__f2_k1 IS NOT NULL THEN concat_ws(', ', pt__f2_k1) ELSE 'no keyword' END END AS pt__s1w1_d,
    NOT pt__f2_b AS pt__s1w1_ok
  FROM pt__f2_keywords
),
-- field employees: its distinct values
pt__f3_values AS MATERIALIZED (
  SELECT DISTINCT pt__f3_v
  FROM pt__cells
  WHERE pt__f3_v IS NOT NULL
),
-- employees: trimmed as JavaScript trims
pt__f3_trimmed AS MATERIALIZED (
  SELECT *,
    regexp_replace(pt__f3_v, '^[	
    -     　﻿]+|[	
    -     　﻿]+$', '', 'g') AS pt__f3_t
  FROM pt__f3_values
),
-- employees: blank (empty or a placeholder such as n/a)
pt__f3_blank AS MATERIALIZED (
  SELECT *,
    (pt__f3_v IS NULL OR lower(translate(pt__f3_t, 'Kİ', 'k!')) IN ('', '-', '--', '---', '—', 'n/a', 'na', '#n/a', 'null', 'nil', 'none', 'unknown', '?')) AS pt__f3_b
  FROM pt__f3_trimmed
),
-- employees: the number as people write it (engine/parse-number.ts)
pt__f3_number1 AS MATERIALIZED (
  SELECT *,
    regexp_replace(pt__f3_v, '^[	
    -     　﻿]+|[	
    -     　﻿]+$', '', 'g') AS pt__f3_n_t
  FROM pt__f3_blank
),
-- pt__f3_number, step 2: pt__f3_n_euro, pt__f3_n_sign, pt__f3_n_s1
pt__f3_number2 AS MATERIALIZED (
  SELECT *,
    (pt__f3_n_t ~ '€|(?:^|[^A-Za-z0-9_])[eE][uU][rR](?:[^A-Za-z0-9_]|$)') AS pt__f3_n_euro,
    CASE WHEN (pt__f3_n_t ~ '^[(]') AND (pt__f3_n_t ~ '[)]$') THEN CAST(-1.0 AS DOUBLE PRECISION) ELSE CAST(1.0 AS DOUBLE PRECISION) END AS pt__f3_n_sign,
    CASE WHEN (pt__f3_n_t ~ '^[(]') AND (pt__f3_n_t ~ '[)]$') THEN regexp_replace(pt__f3_n_t, '^[(][	
    -     　﻿]*|[	
    -     　﻿]*[)]$', '', 'g') ELSE pt__f3_n_t END AS pt__f3_n_s1
  FROM pt__f3_number1
),
-- pt__f3_number, step 3: pt__f3_n_exp, pt__f3_n_neg1, pt__f3_n_s4
pt__f3_number3 AS MATERIALIZED (
  SELECT *,
    (pt__f3_n_s1 ~ '^[+-]?[0-9]+(?:[.][0-9]+)?[Ee][+-]?[0-9]+$') AS pt__f3_n_exp,
    (pt__f3_n_s1 ~ '^(?:(?:~|≈|[aA][pP][pP][rR][oO][xX][.]?|[aA][bB][oO][uU][tT]|[aA][rR][oO][uU][nN][dD]|[cC][aA][.]?|[cC][iI][rR][cC][aA]|[eE][sS][tT][.]?|>=|<=|>|<|≥|≤|[oO][vV][eE][rR]|[uU][nN][dD][eE][rR]|[uU][pP] [tT][oO]|[mM][oO][rR][eE] [tT][hH][aA][nN]|[lL][eE][sS][sS] [tT][hH][aA][nN])[	
    -     　﻿]*)?[-−]') AS pt__f3_n_neg1,
    regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(pt__f3_n_s1, '^(?:~|≈|[aA][pP][pP][rR][oO][xX][.]?|[aA][bB][oO][uU][tT]|[aA][rR][oO][uU][nN][dD]|[cC][aA][.]?|[cC][iI][rR][cC][aA]|[eE][sS][tT][.]?|>=|<=|>|<|≥|≤|[oO][vV][eE][rR]|[uU][nN][dD][eE][rR]|[uU][pP] [tT][oO]|[mM][oO][rR][eE] [tT][hH][aA][nN]|[lL][eE][sS][sS] [tT][hH][aA][nN])[	
    -     　﻿]*', '', 'g'), '^[-−][	
    -     　﻿]*', '', 'g'), '^(?:[$€£¥₹₽₩₺₫฿]|(?:[uU][sS]|[aA][uU]|[cC][aA]|[hH][kK]|[nN][zZ]|[sS])[$]|[uU][sS][dD]|[eE][uU][rR]|[gG][bB][pP]|[cC][nN][yY]|[rR][mM][bB]|[jJ][pP][yY]|[iI][nN][rR]|[rR][uU][bB]|[kK][rR][wW]|[tT][rR][yY]|[aA][uU][dD]|[cC][aA][dD]|[cC][hH][fF]|[sS][eE][kK]|[nN][oO][kK]|[dD][kK][kK]|[pP][lL][nN]|[cC][zZ][kK]|[hH][uU][fF]|[bB][rR][lL]|[mM][xX][nN]|[hH][kK][dD]|[sS][gG][dD]|[aA][eE][dD]|[sS][aA][rR]|[zZ][aA][rR]|[vV][nN][dD]|[tT][hH][bB]|[iI][dD][rR]|[mM][yY][rR]|[pP][hH][pP])[.]?[	
    -     　﻿]*', '', 'g'), '[	
    -     　﻿]*(?:[$€£¥₹₽₩₺₫฿]|[uU][sS][dD]|[eE][uU][rR]|[gG][bB][pP]|[cC][nN][yY]|[rR][mM][bB]|[jJ][pP][yY]|[iI][nN][rR]|[rR][uU][bB]|[kK][rR][wW]|[tT][rR][yY]|[aA][uU][dD]|[cC][aA][dD]|[cC][hH][fF]|[sS][eE][kK]|[nN][oO][kK]|[dD][kK][kK]|[pP][lL][nN]|[cC][zZ][kK]|[hH][uU][fF]|[bB][rR][lL]|[mM][xX][nN]|[hH][kK][dD]|[sS][gG][dD]|[aA][eE][dD]|[sS][aA][rR]|[zZ][aA][rR]|[vV][nN][dD]|[tT][hH][bB]|[iI][dD][rR]|[mM][yY][rR]|[pP][hH][pP])$', '', 'g'), '^(?:~|≈|[aA][pP][pP][rR][oO][xX][.]?|[aA][bB][oO][uU][tT]|[aA][rR][oO][uU][nN][dD]|[cC][aA][.]?|[cC][iI][rR][cC][aA]|[eE][sS][tT][.]?|>=|<=|>|<|≥|≤|[oO][vV][eE][rR]|[uU][nN][dD][eE][rR]|[uU][pP] [tT][oO]|[mM][oO][rR][eE] [tT][hH][aA][nN]|[lL][eE][sS][sS] [tT][hH][aA][nN])[	
    -     　﻿]*', '', 'g') AS pt__f3_n_s4
  FROM pt__f3_number2
),
-- pt__f3_number, step 4: pt__f3_n_neg, pt__f3_n_s
pt__f3_number4 AS MATERIALIZED (
  SELECT *,
    (pt__f3_n_neg1 OR (pt__f3_n_s4 ~ '^[-−]')) AS pt__f3_n_neg,
    CASE WHEN pt__f3_n_neg1 THEN pt__f3_n_s4 ELSE regexp_replace(pt__f3_n_s4, '^[-−][	
    -     　﻿]*', '', 'g') END AS pt__f3_n_s
  FROM pt__f3_number3
),
-- pt__f3_number, step 5: pt__f3_n_kind, pt__f3_n_xc, pt__f3_n_xe, pt__f3_n_yc, pt__f3_n_sw, pt__f3_n_aw, pt__f3_n_bw
pt__f3_number5 AS MATERIALIZED (
  SELECT *,
    CASE WHEN pt__f3_n_exp THEN 'exp' WHEN NOT pt__f3_n_neg AND (pt__f3_n_s ~ '^(?:[0-9](?:[0-9.,''   ]*[0-9])?|[.,][0-9]+)(?:[	
    -     　﻿]*[A-Za-z]{1,9})?[	
    -     　﻿]*(?:-|–|—|to|bis|a)[	
    -     　﻿]*(?:[0-9](?:[0-9.,''   ]*[0-9])?|[.,][0-9]+)') THEN CASE WHEN (pt__f3_n_s ~ '^(?:[0-9](?:[0-9.,''   ]*[0-9])?|[.,][0-9]+)(?:[	
    -     　﻿]*[A-Za-z]{1,9})?[	
    -     　﻿]*(?:-|–|—|to|bis|a)[	
    -     　﻿]*(?:[0-9](?:[0-9.,''   ]*[0-9])?|[.,][0-9]+)(?:[	
    -     　﻿]*(?:[A-Za-z]{1,9})?[	
    -     　﻿]*%)?[A-Za-zªµºÀ-ÖØ-öø-ˁˆ-ˑˠ-ˤˬˮͰ-ʹͶͷͺ-ͽͿΆΈ-ΊΌΎ-ΡΣ-ϵϷ-ҁҊ-ԯḀ-ỿℂℇℊ-ℓℕℙ-ℝℤΩℨK-ℭℯ-ℹℼ-ℿⅅ-ⅉⅎ	
    -     　﻿/.+*]*$') THEN 'band' END WHEN (pt__f3_n_s ~ '^[+-]?(?:[0-9](?:[0-9.,''   ]*[0-9])?|[.,][0-9]+)(?:[	
    -     　﻿]*(?:[A-Za-z]{1,9})?[	
    -     　﻿]*%)?[A-Za-zªµºÀ-ÖØ-öø-ˁˆ-ˑˠ-ˤˬˮͰ-ʹͶͷͺ-ͽͿΆΈ-ΊΌΎ-ΡΣ-ϵϷ-ҁҊ-ԯḀ-ỿℂℇℊ-ℓℕℙ-ℝℤΩℨK-ℭℯ-ℹℼ-ℿⅅ-ⅉⅎ	
    -     　﻿/.+*]*$') THEN 'single' END AS pt__f3_n_kind,
    CASE WHEN pt__f3_n_exp THEN (regexp_match(pt__f3_n_s1, '^[+-]?([0-9]+(?:[.][0-9]+)?)[Ee]'))[1] ELSE translate((regexp_match(pt__f3_n_s, '^[+-]?([0-9](?:[0-9.,''   ]*[0-9])?|[.,][0-9]+)(?:[	
    -     　﻿]*([A-Za-z]{1,9}))?'))[1], '''   ', '') END AS pt__f3_n_xc,
    CASE WHEN pt__f3_n_exp THEN (regexp_match(pt__f3_n_s1, '[Ee]([+-]?[0-9]+)$'))[1] END AS pt__f3_n_xe,
    translate((regexp_match(pt__f3_n_s, '^(?:[0-9](?:[0-9.,''   ]*[0-9])?|[.,][0-9]+)(?:[	
    -     　﻿]*([A-Za-z]{1,9}))?[	
    -     　﻿]*(?:-|–|—|to|bis|a)[	
    -     　﻿]*([0-9](?:[0-9.,''   ]*[0-9])?|[.,][0-9]+)(?:[	
    -     　﻿]*([A-Za-z]{1,9}))?'))[2], '''   ', '') AS pt__f3_n_yc,
    lower((regexp_match(pt__f3_n_s, '^[+-]?([0-9](?:[0-9.,''   ]*[0-9])?|[.,][0-9]+)(?:[	
    -     　﻿]*([A-Za-z]{1,9}))?'))[2]) AS pt__f3_n_sw,
    lower((regexp_match(pt__f3_n_s, '^(?:[0-9](?:[0-9.,''   ]*[0-9])?|[.,][0-9]+)(?:[	
    -     　﻿]*([A-Za-z]{1,9}))?[	
    -     　﻿]*(?:-|–|—|to|bis|a)[	
    -     　﻿]*([0-9](?:[0-9.,''   ]*[0-9])?|[.,][0-9]+)(?:[	
    -     　﻿]*([A-Za-z]{1,9}))?'))[1]) AS pt__f3_n_aw,
    lower((regexp_match(pt__f3_n_s, '^(?:[0-9](?:[0-9.,''   ]*[0-9])?|[.,][0-9]+)(?:[	
    -     　﻿]*([A-Za-z]{1,9}))?[	
    -     　﻿]*(?:-|–|—|to|bis|a)[	
    -     　﻿]*([0-9](?:[0-9.,''   ]*[0-9])?|[.,][0-9]+)(?:[	
    -     　﻿]*([A-Za-z]{1,9}))?'))[3]) AS pt__f3_n_bw
  FROM pt__f3_number4
),
-- pt__f3_number, step 6: pt__f3_n_xsig, pt__f3_n_xp, pt__f3_n_ysig, pt__f3_n_yp, pt__f3_n_xm, pt__f3_n_ym, pt__f3_n_sgn
pt__f3_number6 AS MATERIALIZED (
  SELECT *,
    regexp_replace(regexp_replace(pt__f3_n_xc, '[.,]', '', 'g'), '^0+|0+$', '', 'g') AS pt__f3_n_xsig,
    char_length(regexp_replace(regexp_replace(pt__f3_n_xc, '[.,]', '', 'g'), '^0+', '', 'g')) + coalesce(CASE WHEN (pt__f3_n_xe ~ '[1-9][0-9]{9}') THEN CASE WHEN (pt__f3_n_xe ~ '^-') THEN -1000000000 ELSE 1000000000 END ELSE CAST(pt__f3_n_xe AS BIGINT) END, 0) - CASE WHEN (pt__f3_n_xc ~ '^(?:[0-9]+|[1-9][0-9]{0,2},[0-9]{3}|[0-9]{1,3}(?:,[0-9]{3}){2,}|[0-9]{1,3}(?:[.][0-9]{3}){2,})$') OR (pt__f3_n_euro AND (pt__f3_n_xc ~ '^[1-9][0-9]{0,2}[.][0-9]{3}$')) THEN 0 WHEN (pt__f3_n_xc ~ '^(?:[0-9]*[.,][0-9]+|[0-9]{1,3}(?:,[0-9]{3})+[.][0-9]+|[0-9]{1,3}(?:[.][0-9]{3})+,[0-9]+)$') THEN char_length(regexp_replace(pt__f3_n_xc, '^[0-9.,]*[.,]', '', 'g')) END AS pt__f3_n_xp,
    regexp_replace(regexp_replace(pt__f3_n_yc, '[.,]', '', 'g'), '^0+|0+$', '', 'g') AS pt__f3_n_ysig,
    char_length(regexp_replace(regexp_replace(pt__f3_n_yc, '[.,]', '', 'g'), '^0+', '', 'g')) + 0 - CASE WHEN (pt__f3_n_yc ~ '^(?:[0-9]+|[1-9][0-9]{0,2},[0-9]{3}|[0-9]{1,3}(?:,[0-9]{3}){2,}|[0-9]{1,3}(?:[.][0-9]{3}){2,})$') OR (pt__f3_n_euro AND (pt__f3_n_yc ~ '^[1-9][0-9]{0,2}[.][0-9]{3}$')) THEN 0 WHEN (pt__f3_n_yc ~ '^(?:[0-9]*[.,][0-9]+|[0-9]{1,3}(?:,[0-9]{3})+[.][0-9]+|[0-9]{1,3}(?:[.][0-9]{3})+,[0-9]+)$') THEN char_length(regexp_replace(pt__f3_n_yc, '^[0-9.,]*[.,]', '', 'g')) END AS pt__f3_n_yp,
    CASE pt__f3_n_kind WHEN 'band' THEN CASE WHEN coalesce(pt__f3_n_aw, '') = '' THEN NULL WHEN pt__f3_n_aw IN ('k', 'thousand', 'thousands', 'tsd', 'ths') THEN CAST(1000.0 AS DOUBLE PRECISION) WHEN pt__f3_n_aw IN ('m', 'mm', 'mn', 'mio', 'mln', 'million', 'millions') THEN CAST(1000000.0 AS DOUBLE PRECISION) WHEN pt__f3_n_aw IN ('b', 'bn', 'bln', 'mrd', 'billion', 'billions') THEN CAST(1000000000.0 AS DOUBLE PRECISION) ELSE CAST(1.0 AS DOUBLE PRECISION) END WHEN 'single' THEN CASE WHEN coalesce(pt__f3_n_sw, '') = '' THEN CAST(1.0 AS DOUBLE PRECISION) WHEN pt__f3_n_sw IN ('k', 'thousand', 'thousands', 'tsd', 'ths') THEN CAST(1000.0 AS DOUBLE PRECISION) WHEN pt__f3_n_sw IN ('m', 'mm', 'mn', 'mio', 'mln', 'million', 'millions') THEN CAST(1000000.0 AS DOUBLE PRECISION) WHEN pt__f3_n_sw IN ('b', 'bn', 'bln', 'mrd', 'billion', 'billions') THEN CAST(1000000000.0 AS DOUBLE PRECISION) ELSE CAST(1.0 AS DOUBLE PRECISION) END ELSE CAST(1.0 AS DOUBLE PRECISION) END AS pt__f3_n_xm,
    CASE WHEN coalesce(pt__f3_n_bw, '') = '' THEN CAST(1.0 AS DOUBLE PRECISION) WHEN pt__f3_n_bw IN ('k', 'thousand', 'thousands', 'tsd', 'ths') THEN CAST(1000.0 AS DOUBLE PRECISION) WHEN pt__f3_n_bw IN ('m', 'mm', 'mn', 'mio', 'mln', 'million', 'millions') THEN CAST(1000000.0 AS DOUBLE PRECISION) WHEN pt__f3_n_bw IN ('b', 'bn', 'bln', 'mrd', 'billion', 'billions') THEN CAST(1000000000.0 AS DOUBLE PRECISION) ELSE CAST(1.0 AS DOUBLE PRECISION) END AS pt__f3_n_ym,
    CASE pt__f3_n_kind WHEN 'exp' THEN CASE WHEN (pt__f3_n_s1 ~ '^-') THEN -pt__f3_n_sign ELSE pt__f3_n_sign END WHEN 'band' THEN pt__f3_n_sign ELSE CASE WHEN pt__f3_n_neg <> (pt__f3_n_s ~ '^-') THEN -pt__f3_n_sign ELSE pt__f3_n_sign END END AS pt__f3_n_sgn
  FROM pt__f3_number5
),
-- pt__f3_number, step 7: pt__f3_n_x, pt__f3_n_y, pt__f3_n_xmul
pt__f3_number7 AS MATERIALIZED (
  SELECT *,
    CASE WHEN pt__f3_n_xp IS NULL THEN NULL WHEN pt__f3_n_xsig = '' THEN CAST(0.0 AS DOUBLE PRECISION) WHEN pt__f3_n_xp > 309 OR (pt__f3_n_xp = 309 AND pt__f3_n_xsig > '1797693134862315807937289714053034150799') THEN NULL WHEN pt__f3_n_xp < -323 OR (pt__f3_n_xp = -323 AND pt__f3_n_xsig <= '2470328229206232720882843964341106861825') THEN CAST(0.0 AS DOUBLE PRECISION) ELSE CAST('0.' || pt__f3_n_xsig || 'e' || CAST(pt__f3_n_xp AS TEXT) AS DOUBLE PRECISION) END AS pt__f3_n_x,
    CASE WHEN pt__f3_n_yp IS NULL THEN NULL WHEN pt__f3_n_ysig = '' THEN CAST(0.0 AS DOUBLE PRECISION) WHEN pt__f3_n_yp > 309 OR (pt__f3_n_yp = 309 AND pt__f3_n_ysig > '1797693134862315807937289714053034150799') THEN NULL WHEN pt__f3_n_yp < -323 OR (pt__f3_n_yp = -323 AND pt__f3_n_ysig <= '2470328229206232720882843964341106861825') THEN CAST(0.0 AS DOUBLE PRECISION) ELSE CAST('0.' || pt__f3_n_ysig || 'e' || CAST(pt__f3_n_yp AS TEXT) AS DOUBLE PRECISION) END AS pt__f3_n_y,
    coalesce(pt__f3_n_xm, pt__f3_n_ym) AS pt__f3_n_xmul
  FROM pt__f3_number6
),
-- pt__f3_number, step 8: pt__f3_n
pt__f3_number8 AS MATERIALIZED (
  SELECT *,
    CASE WHEN pt__f3_n_kind = 'band' THEN CASE WHEN greatest(pt__f3_n_x, CAST(1.0 AS DOUBLE PRECISION)) * CAST(5.421010862427522e-20 AS DOUBLE PRECISION) * pt__f3_n_xmul + greatest(pt__f3_n_y, CAST(1.0 AS DOUBLE PRECISION)) * CAST(5.421010862427522e-20 AS DOUBLE PRECISION) * pt__f3_n_ym >= CAST(9.7453140114e+288 AS DOUBLE PRECISION) THEN NULL WHEN pt__f3_n_x * pt__f3_n_xmul + pt__f3_n_y * pt__f3_n_ym = CAST(5e-324 AS DOUBLE PRECISION) THEN CAST(0.0 AS DOUBLE PRECISION) ELSE pt__f3_n_sgn * ((pt__f3_n_x * pt__f3_n_xmul + pt__f3_n_y * pt__f3_n_ym) / CAST(2.0 AS DOUBLE PRECISION)) + CAST(0.0 AS DOUBLE PRECISION) END WHEN pt__f3_n_kind IS NOT NULL THEN CASE WHEN greatest(pt__f3_n_x, CAST(1.0 AS DOUBLE PRECISION)) * CAST(5.421010862427522e-20 AS DOUBLE PRECISION) * pt__f3_n_xmul >= CAST(9.7453140114e+288 AS DOUBLE PRECISION) THEN NULL ELSE pt__f3_n_sgn * pt__f3_n_x * pt__f3_n_xmul + CAST(0.0 AS DOUBLE PRECISION) END END AS pt__f3_n
  FROM pt__f3_number7
),
-- employees: each test on it: match 0..1 (NULL: blank or unreadable) and its detail
pt__f3_tests AS MATERIALIZED (
  SELECT *,
    -- criterion "size": employees in range {"min":10,"ideal":200,"max":5000,"scale":"log"}
    CASE WHEN pt__f3_b THEN NULL WHEN CASE WHEN pt__f3_n IS NULL THEN '"' || regexp_replace(pt__f3_v, '^[	
    -     　﻿]+|[	
    -     　﻿]+$', '', 'g') || CASE WHEN (pt__f3_v ~ '^[	
    -     　﻿]*[+-]?(?:[nN][aA][nN]|[iI][nN][fF]|[iI][nN][fF][iI][nN][iI][tT][yY]|∞)[	
    -     　﻿]*$') THEN '" is not a finite number' WHEN (pt__f3_v ~ '^[	
    -     　﻿]*[+-]?[0-9]+(?:[.][0-9]+)?[Ee][+-]?[0-9]+[	
    -     　﻿]*$') THEN '" is beyond the largest number (about 1.8e308)' ELSE '" is not a number' END END IS NOT NULL THEN NULL ELSE CASE WHEN pt__f3_n > CAST(5000.0 AS DOUBLE PRECISION) THEN CAST(0.0 AS DOUBLE PRECISION) WHEN pt__f3_n < CAST(10.0 AS DOUBLE PRECISION) THEN CAST(0.0 AS DOUBLE PRECISION) WHEN pt__f3_n >= CAST(200.0 AS DOUBLE PRECISION) THEN CAST(1.0 AS DOUBLE PRECISION) ELSE least(CAST(1.0 AS DOUBLE PRECISION), greatest(CAST(0.0 AS DOUBLE PRECISION), (ln(CAST(1.0 AS DOUBLE PRECISION) + greatest(pt__f3_n, CAST(0.0 AS DOUBLE PRECISION))) - CAST(2.3978952727983707 AS DOUBLE PRECISION)) / CAST(2.905409635260705 AS DOUBLE PRECISION))) END END AS pt__c2_m,
    CASE WHEN pt__f3_b THEN 'missing' WHEN CASE WHEN pt__f3_n IS NULL THEN '"' || regexp_replace(pt__f3_v, '^[	
    -     　﻿]+|[	
    -     　﻿]+$', '', 'g') || CASE WHEN (pt__f3_v ~ '^[	
    -     　﻿]*[+-]?(?:[nN][aA][nN]|[iI][nN][fF]|[iI][nN][fF][iI][nN][iI][tT][yY]|∞)[	
    -     　﻿]*$') THEN '" is not a finite number' WHEN (pt__f3_v ~ '^[	
    -     　﻿]*[+-]?[0-9]+(?:[.][0-9]+)?[Ee][+-]?[0-9]+[	
    -     　﻿]*$') THEN '" is beyond the largest number (about 1.8e308)' ELSE '" is not a number' END END IS NOT NULL THEN CASE WHEN pt__f3_n IS NULL THEN '"' || regexp_replace(pt__f3_v, '^[	
    -     　﻿]+|[	
    -     　﻿]+$', '', 'g') || CASE WHEN (pt__f3_v ~ '^[	
    -     　﻿]*[+-]?(?:[nN][aA][nN]|[iI][nN][fF]|[iI][nN][fF][iI][nN][iI][tT][yY]|∞)[	
    -     　﻿]*$') THEN '" is not a finite number' WHEN (pt__f3_v ~ '^[	
    -     　﻿]*[+-]?[0-9]+(?:[.][0-9]+)?[Ee][+-]?[0-9]+[	
    -     　﻿]*$') THEN '" is beyond the largest number (about 1.8e308)' ELSE '" is not a number' END END ELSE CASE WHEN abs(pt__f3_n) >= CAST(1000000000.0 AS DOUBLE PRECISION) THEN CASE WHEN pt__f3_n < CAST(0.0 AS DOUBLE PRECISION) THEN '-' ELSE '' END || CASE WHEN abs(pt__f3_n) / CAST(1000000000.0 AS DOUBLE PRECISION) >= CAST(100.0 AS DOUBLE PRECISION) THEN CASE WHEN floor(abs(pt__f3_n) / CAST(1000000000.0 AS DOUBLE PRECISION) + CAST(0.5 AS DOUBLE PRECISION)) < CAST(1e+21 AS DOUBLE PRECISION) THEN CAST(CAST(floor(abs(pt__f3_n) / CAST(1000000000.0 AS DOUBLE PRECISION) + CAST(0.5 AS DOUBLE PRECISION)) AS NUMERIC) AS TEXT) ELSE CAST(floor(abs(pt__f3_n) / CAST(1000000000.0 AS DOUBLE PRECISION) + CAST(0.5 AS DOUBLE PRECISION)) AS TEXT) END ELSE CAST(CAST(floor(floor(abs(pt__f3_n) / CAST(1000000000.0 AS DOUBLE PRECISION) * CAST(10.0 AS DOUBLE PRECISION) + CAST(0.5 AS DOUBLE PRECISION)) / CAST(10.0 AS DOUBLE PRECISION)) AS NUMERIC) AS TEXT) || regexp_replace('.' || substr(CAST(CAST(floor(abs(pt__f3_n) / CAST(1000000000.0 AS DOUBLE PRECISION) * CAST(10.0 AS DOUBLE PRECISION) + CAST(0.5 AS DOUBLE PRECISION)) - floor(floor(abs(pt__f3_n) / CAST(1000000000.0 AS DOUBLE PRECISION) * CAST(10.0 AS DOUBLE PRECISION) + CAST(0.5 AS DOUBLE PRECISION)) / CAST(10.0 AS DOUBLE PRECISION)) * CAST(10.0 AS DOUBLE PRECISION) + CAST(10.0 AS DOUBLE PRECISION) AS NUMERIC) AS TEXT), 2), '[.]?0+$', '', 'g') END || 'B' WHEN abs(pt__f3_n) >= CAST(1000000.0 AS DOUBLE PRECISION) THEN CASE WHEN pt__f3_n < CAST(0.0 AS DOUBLE PRECISION) THEN '-' ELSE '' END || CASE WHEN abs(pt__f3_n) / CAST(1000000.0 AS DOUBLE PRECISION) >= CAST(100.0 AS DOUBLE PRECISION) THEN CAST(CAST(floor(abs(pt__f3_n) / CAST(1000000.0 AS DOUBLE PRECISION) + CAST(0.5 AS DOUBLE PRECISION)) AS NUMERIC) AS TEXT) ELSE CAST(CAST(floor(floor(abs(pt__f3_n) / CAST(1000000.0 AS DOUBLE PRECISION) * CAST(10.0 AS DOUBLE PRECISION) + CAST(0.5 AS DOUBLE PRECISION)) / CAST(10.0 AS DOUBLE PRECISION)) AS NUMERIC) AS TEXT) || regexp_replace('.' || substr(CAST(CAST(floor(abs(pt__f3_n) / CAST(1000000.0 AS DOUBLE PRECISION) * CAST(10.0 AS DOUBLE PRECISION) + CAST(0.5 AS DOUBLE PRECISION)) - floor(floor(abs(pt__f3_n) / CAST(1000000.0 AS DOUBLE PRECISION) * CAST(10.0 AS DOUBLE PRECISION) + CAST(0.5 AS DOUBLE PRECISION)) / CAST(10.0 AS DOUBLE PRECISION)) * CAST(10.0 AS DOUBLE PRECISION) + CAST(10.0 AS DOUBLE PRECISION) AS NUMERIC) AS TEXT), 2), '[.]?0+$', '', 'g') END || 'M' WHEN abs(pt__f3_n) >= CAST(1000.0 AS DOUBLE PRECISION) THEN CASE WHEN pt__f3_n < CAST(0.0 AS DOUBLE PRECISION) THEN '-' ELSE '' END || CASE WHEN abs(pt__f3_n) / CAST(1000.0 AS DOUBLE PRECISION) >= CAST(100.0 AS DOUBLE PRECISION) THEN CAST(CAST(floor(abs(pt__f3_n) / CAST(1000.0 AS DOUBLE PRECISION) + CAST(0.5 AS DOUBLE PRECISION)) AS NUMERIC) AS TEXT) ELSE CAST(CAST(floor(floor(abs(pt__f3_n) / CAST(1000.0 AS DOUBLE PRECISION) * CAST(10.0 AS DOUBLE PRECISION) + CAST(0.5 AS DOUBLE PRECISION)) / CAST(10.0 AS DOUBLE PRECISION)) AS NUMERIC) AS TEXT) || regexp_replace('.' || substr(CAST(CAST(floor(abs(pt__f3_n) / CAST(1000.0 AS DOUBLE PRECISION) * CAST(10.0 AS DOUBLE PRECISION) + CAST(0.5 AS DOUBLE PRECISION)) - floor(floor(abs(pt__f3_n) / CAST(1000.0 AS DOUBLE PRECISION) * CAST(10.0 AS DOUBLE PRECISION) + CAST(0.5 AS DOUBLE PRECISION)) / CAST(10.0 AS DOUBLE PRECISION)) * CAST(10.0 AS DOUBLE PRECISION) + CAST(10.0 AS DOUBLE PRECISION) AS NUMERIC) AS TEXT), 2), '[.]?0+$', '', 'g') END || 'k' WHEN pt__f3_n = floor(pt__f3_n) THEN CAST(CAST(pt__f3_n AS NUMERIC) AS TEXT) ELSE CASE WHEN pt__f3_n < CAST(0.0 AS DOUBLE PRECISION) THEN '-' ELSE '' END || CAST(CAST(floor(floor(abs(pt__f3_n) * CAST(100.0 AS DOUBLE PRECISION) + CAST(0.5 AS DOUBLE PRECISION)) / CAST(100.0 AS DOUBLE PRECISION)) AS NUMERIC) AS TEXT) || regexp_replace('.' || substr(CAST(CAST(floor(abs(pt__f3_n) * CAST(100.0 AS DOUBLE PRECISION) + CAST(0.5 AS DOUBLE PRECISION)) - floor(floor(abs(pt__f3_n) * CAST(100.0 AS DOUBLE PRECISION) + CAST(0.5 AS DOUBLE PRECISION)) / CAST(100.0 AS DOUBLE PRECISION)) * CAST(100.0 AS DOUBLE PRECISION) + CAST(100.0 AS DOUBLE PRECISION) AS NUMERIC) AS TEXT), 2), '[.]?0+$', '', 'g') END END AS pt__c2_d,
    NOT pt__f3_b AND CASE WHEN pt__f3_n IS NULL THEN '"' || regexp_replace(pt__f3_v, '^[	
    -     　﻿]+|[	
    -     　﻿]+$', '', 'g') || CASE WHEN (pt__f3_v ~ '^[	
    -     　﻿]*[+-]?(?:[nN][aA][nN]|[iI][nN][fF]|[iI][nN][fF][iI][nN][iI][tT][yY]|∞)[	
    -     　﻿]*$') THEN '" is not a finite number' WHEN (pt__f3_v ~ '^[	
    -     　﻿]*[+-]?[0-9]+(?:[.][0-9]+)?[Ee][+-]?[0-9]+[	
    -     　﻿]*$') THEN '" is beyond the largest number (about 1.8e308)' ELSE '" is not a number' END END IS NULL AS pt__c2_ok
  FROM pt__f3_number8
),
-- field phone: its distinct values
pt__f4_values AS MATERIALIZED (
  SELECT DISTINCT pt__f4_v
  FROM pt__cells
  WHERE pt__f4_v IS NOT NULL
),
-- phone: trimmed as JavaScript trims
pt__f4_trimmed AS MATERIALIZED (
  SELECT *,
    regexp_replace(pt__f4_v, '^[	
    -     　﻿]+|[	
    -     　﻿]+$', '', 'g') AS pt__f4_t
  FROM pt__f4_values
),
-- phone: blank (empty or a placeholder such as n/a)
pt__f4_blank AS MATERIALIZED (
  SELECT *,
    (pt__f4_v IS NULL OR lower(translate(pt__f4_t, 'Kİ', 'k!')) IN ('', '-', '--', '---', '—', 'n/a', 'na', '#n/a', 'null', 'nil', 'none', 'unknown', '?')) AS pt__f4_b
  FROM pt__f4_trimmed
),
-- phone: each test on it: match 0..1 (NULL: blank or unreadable) and its detail
pt__f4_tests AS MATERIALIZED (
  SELECT *,
    -- criterion "phone": phone present (phone)
    CASE WHEN pt__f4_b THEN NULL ELSE CASE WHEN char_length(regexp_replace(pt__f4_v, '[^0-9]', '', 'g')) BETWEEN 7 AND 15 AND (regexp_replace(pt__f4_t, '^[Tt][Ee][Ll]:', '', 'g') ~ '^[0-9	
    -     　﻿()+./xX-]+$') THEN CAST(1.0 AS DOUBLE PRECISION) ELSE CAST(0.0 AS DOUBLE PRECISION) END END AS pt__c3_m,
    CASE WHEN pt__f4_b THEN 'missing' ELSE CASE WHEN char_length(regexp_replace(pt__f4_v, '[^0-9]', '', 'g')) BETWEEN 7 AND 15 AND (regexp_replace(pt__f4_t, '^[Tt][Ee][Ll]:', '', 'g') ~ '^[0-9	
    -     　﻿()+./xX-]+$') THEN 'present' ELSE 'malformed phone' END END AS pt__c3_d,
    NOT pt__f4_b AS pt__c3_ok
  FROM pt__f4_blank
),
-- field channel: its distinct values
pt__f5_values AS MATERIALIZED (
  SELECT DISTINCT pt__f5_v
  FROM pt__cells
  WHERE pt__f5_v IS NOT NULL
),
-- channel: trimmed as JavaScript trims
pt__f5_trimmed AS MATERIALIZED (
  SELECT *,
    regexp_replace(pt__f5_v, '^[	
    -     　﻿]+|[	
    -     　﻿]+$', '', 'g') AS pt__f5_t
  FROM pt__f5_values
),
-- channel: blank (empty or a placeholder such as n/a)
pt__f5_blank AS MATERIALIZED (
  SELECT *,
    (pt__f5_v IS NULL OR lower(translate(pt__f5_t, 'Kİ', 'k!')) IN ('', '-', '--', '---', '—', 'n/a', 'na', '#n/a', 'null', 'nil', 'none', 'unknown', '?')) AS pt__f5_b
  FROM pt__f5_trimmed
),
-- channel: words as the engine folds them (engine/text.ts): lower case, no accents, one space between
pt__f5_words1 AS MATERIALIZED (
  SELECT *,
    CASE WHEN (pt__f5_v ~ '^[	
 -~]*$') THEN trim(regexp_replace(lower(pt__f5_v), '[^a-z0-9]+', ' ', 'g')) END AS pt__f5_p_ascii,
    CASE WHEN NOT (pt__f5_v ~ '^[	
 -~]*$') THEN CASE WHEN (pt__f5_v ~ '[¼-¾ÆÞßæþĲĳĿŀŉŒœǄ-ǌǢǣǱ-ǳǼǽևẚẞ‥…″‴‶‷‼⁇-⁉⁗₨℀℁℃℅℆℉№℠-™℻⅐-⅟Ⅱ-ⅣⅥ-ⅨⅪⅫⅱ-ⅳⅵ-ⅸⅺⅻ↉∬∭∯∰⑩-⒵⨌⩴-⩶ゟヿ🄀-🄊🄐-🄪🄭🄮🅊-🅏🅪-🅬🆐🈀🈁🉀-🉈]') THEN replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(pt__f5_v, '¼', '1 4'), '½', '1 2'), '¾', '3 4'), 'Æ', 'ae'), 'Þ', 'th'), 'ß', 'ss'), 'æ', 'ae'), 'þ', 'th'), 'Ĳ', 'ij'), 'ĳ', 'ij'), 'Ŀ', 'l '), 'ŀ', 'l '), 'ŉ', 'ʼn'), 'Œ', 'oe'), 'œ', 'oe'), 'Ǆ', 'dz'), 'ǅ', 'dz'), 'ǆ', 'dz'), 'Ǉ', 'lj'), 'ǈ', 'lj'), 'ǉ', 'lj'), 'Ǌ', 'nj'), 'ǋ', 'nj'), 'ǌ', 'nj'), 'Ǣ', 'ae'), 'ǣ', 'ae'), 'Ǳ', 'dz'), 'ǲ', 'dz'), 'ǳ', 'dz'), 'Ǽ', 'ae'), 'ǽ', 'ae'), 'և', 'եւ'), 'ẚ', 'aʾ'), 'ẞ', 'ss'), '‥', '  '), '…', '   '), '″', '  '), '‴', '   '), '‶', '  '), '‷', '   '), '‼', '  '), '⁇', '  '), '⁈', '  '), '⁉', '  '), '⁗', '    '), '₨', 'rs'), '℀', 'a c'), '℁', 'a s'), '℃', ' c'), '℅', 'c o'), '℆', 'c u'), '℉', ' f'), '№', 'no'), '℠', 'sm'), '℡', 'tel'), '™', 'tm'), '℻', 'fax'), '⅐', '1 7'), '⅑', '1 9'), '⅒', '1 10'), '⅓', '1 3'), '⅔', '2 3'), '⅕', '1 5'), '⅖', '2 5'), '⅗', '3 5'), '⅘', '4 5'), '⅙', '1 6'), '⅚', '5 6'), '⅛', '1 8'), '⅜', '3 8'), '⅝', '5 8'), '⅞', '7 8'), '⅟', '1 '), 'Ⅱ', 'ii'), 'Ⅲ', 'iii'), 'Ⅳ', 'iv'), 'Ⅵ', 'vi'), 'Ⅶ', 'vii'), 'Ⅷ', 'viii'), 'Ⅸ', 'ix'), 'Ⅺ', 'xi'), 'Ⅻ', 'xii'), 'ⅱ', 'ii'), 'ⅲ', 'iii'), 'ⅳ', 'iv'), 'ⅵ', 'vi'), 'ⅶ', 'vii'), 'ⅷ', 'viii'), 'ⅸ', 'ix'), 'ⅺ', 'xi'), 'ⅻ', 'xii'), '↉', '0 3'), 'ゟ', 'より'), 'ヿ', 'コト'), '∬', '  '), '∭', '   '), '∯', '  '), '∰', '   '), '⑩', '10'), '⑪', '11'), '⑫', '12'), '⑬', '13'), '⑭', '14'), '⑮', '15'), '⑯', '16'), '⑰', '17'), '⑱', '18'), '⑲', '19'), '⑳', '20'), '⑴', ' 1 '), '⑵', ' 2 '), '⑶', ' 3 '), '⑷', ' 4 '), '⑸', ' 5 '), '⑹', ' 6 '), '⑺', ' 7 '), '⑻', ' 8 '), '⑼', ' 9 '), '⑽', ' 10 '), '⑾', ' 11 '), '⑿', ' 12 '), '⒀', ' 13 '), '⒁', ' 14 '), '⒂', ' 15 '), '⒃', ' 16 '), '⒄', ' 17 '), '⒅', ' 18 '), '⒆', ' 19 '), '⒇', ' 20 '), '⒈', '1 '), '⒉', '2 '), '⒊', '3 '), '⒋', '4 '), '⒌', '5 '), '⒍', '6 '), '⒎', '7 '), '⒏', '8 '), '⒐', '9 '), '⒑', '10 '), '⒒', '11 '), '⒓', '12 '), '⒔', '13 '), '⒕', '14 '), '⒖', '15 '), '⒗', '16 '), '⒘', '17 '), '⒙', '18 '), '⒚', '19 '), '⒛', '20 '), '⒜', ' a '), '⒝', ' b '), '⒞', ' c '), '⒟', ' d '), '⒠', ' e '), '⒡', ' f '), '⒢', ' g '), '⒣', ' h '), '⒤', ' i '), '⒥', ' j '), '⒦', ' k '), '⒧', ' l '), '⒨', ' m '), '⒩', ' n '), '⒪', ' o '), '⒫', ' p '), '⒬', ' q '), '⒭', ' r '), '⒮', ' s '), '⒯', ' t '), '⒰', ' u '), '⒱', ' v '), '⒲', ' w '), '⒳', ' x '), '⒴', ' y '), '⒵', ' z '), '⨌', '    '), '⩴', '   '), '⩵', '  '), '⩶', '   '), '🄀', '0 '), '🄁', '0 '), '🄂', '1 '), '🄃', '2 '), '🄄', '3 '), '🄅', '4 '), '🄆', '5 '), '🄇', '6 '), '🄈', '7 '), '🄉', '8 '), '🄊', '9 '), '🄐', ' a '), '🄑', ' b '), '🄒', ' c '), '🄓', ' d '), '🄔', ' e '), '🄕', ' f '), '🄖', ' g '), '🄗', ' h '), '🄘', ' i '), '🄙', ' j '), '🄚', ' k '), '🄛', ' l '), '🄜', ' m '), '🄝', ' n '), '🄞', ' o '), '🄟', ' p '), '🄠', ' q '), '🄡', ' r '), '🄢', ' s '), '🄣', ' t '), '🄤', ' u '), '🄥', ' v '), '🄦', ' w '), '🄧', ' x '), '🄨', ' y '), '🄩', ' z '), '🄪', ' s '), '🄭', 'cd'), '🄮', 'wz'), '🅊', 'hv'), '🅋', 'mv'), '🅌', 'sd'), '🅍', 'ss'), '🅎', 'ppv'), '🅏', 'wc'), '🅪', 'mc'), '🅫', 'md'), '🅬', 'mr'), '🆐', 'dj'), '🈀', 'ほか'), '🈁', 'ココ'), '🉀', ' 本 '), '🉁', ' 三 '), '🉂', ' 二 '), '🉃', ' 安 '), '🉄', ' 点 '), '🉅', ' 打 '), '🉆', ' 盗 '), '🉇', ' 勝 '), '🉈', ' 敗 ') ELSE pt__f5_v END END AS pt__f5_p_x0
  FROM pt__f5_blank
),
-- pt__f5_words, step 2: pt__f5_p_x1
pt__f5_words2 AS MATERIALIZED (
  SELECT *,
    CASE WHEN (pt__f5_p_x0 ~ '[-»¿-ÅÇ-Ýà-åç-ýÿ]') THEN translate(pt__f5_p_x0, (SELECT fold0_from FROM pt__fold), (SELECT fold0_to FROM pt__fold)) ELSE pt__f5_p_x0 END AS pt__f5_p_x1
  FROM pt__f5_words1
),
-- pt__f5_words, step 3: pt__f5_p_x2
pt__f5_words3 AS MATERIALIZED (
  SELECT *,
    CASE WHEN (pt__f5_p_x1 ~ '[Ā-ıĴ-ķĹ-ľŁ-ňŊŌ-őŔ-ſƁƂƄƆƇƉ-ƋƎ-ƑƓƔƖ-ƘƜƝƟ-ƢƤƦƧƩƬƮ-ƳƵƷƸƼǍ-ǜǞ-ǡǤǦ-ǰǴ-ǻǾ-ȜȞ-ȠȢȤȦ-ȳȺȻȽȾɁɃ-ɆɈɊɌɎʰ-ʸ˂-˅˒-˫˭˯-ͯḀ-ẙẛẠ-ỺỼỾ]') THEN translate(pt__f5_p_x1, (SELECT fold1_from FROM pt__fold), (SELECT fold1_to FROM pt__fold)) ELSE pt__f5_p_x1 END AS pt__f5_p_x2
  FROM pt__f5_words2
),
-- pt__f5_words, step 4: pt__f5_p_x3
pt__f5_words4 AS MATERIALIZED (
  SELECT *,
    CASE WHEN (pt__f5_p_x2 ~ '[ͰͲʹ-Ͷͺ;Ϳ΄-ΊΌΎ-ΡΣ-ΰςϊ-ϖϘϚϜϞϠϢϤϦϨϪϬϮϰ-ϲϴ-ϷϹϺϽ-Яйѐёѓїќ-ўѠѢѤѦѨѪѬѮѰѲѴѶ-ѸѺѼѾҀ҂-ҊҌҎҐҒҔҖҘҚҜҞҠҢҤҦҨҪҬҮҰҲҴҶҸҺҼҾӀ-ӃӅӇӉӋӍӐ-ӔӖ-ӘӚ-ӠӢ-ӨӪ-ӶӸ-ӺӼӾԀԂԄԆԈԊԌԎԐԒԔԖԘԚԜԞԠԢԤԦԨԪԬԮԱ-Ֆ՚-՟։֊֍-֏ἀ-ἕἘ-Ἕἠ-ὅὈ-Ὅὐ-ὗὙὛὝὟ-ώᾀ-ᾴᾶ-ῄῆ-ΐῖ-Ί῝-`ῲ-ῴῶ-῾]') THEN translate(pt__f5_p_x2, (SELECT fold2_from FROM pt__fold), (SELECT fold2_to FROM pt__fold)) ELSE pt__f5_p_x2 END AS pt__f5_p_x3
  FROM pt__f5_words3
),
-- pt__f5_words, step 5: pt__f5_p_x4
pt__f5_words5 AS MATERIALIZED (
  SELECT *,
    CASE WHEN (pt__f5_p_x3 ~ '[  -․‧-′‵‸-※‽-⁆⁊-⁖⁘-⁤⁦-ⁱ⁴-₎ₐ-ₜ₠-₧₩-⃁⃐-⃰ℂ℄ℇ℈ℊ-ℕ℗-℟℣-℺ℼ-⅍⅏ⅠⅤⅩⅬ-ⅰⅴⅹⅼ-ⅿↃ↊↋　-〄〈-〠〪-〰〶-〺〽-〿がぎぐげござじずぜぞだぢづでどばぱびぴぶぷべぺぼぽゔ゙-゜ゞ゠ガギグゲゴザジズゼゾダヂヅデドバパビピブプベペボポヴヷ-・ヾ﻿！-ﾟ￠-￦￨-￮]') THEN translate(pt__f5_p_x3, (SELECT fold3_from FROM pt__fold), (SELECT fold3_to FROM pt__fold)) ELSE pt__f5_p_x3 END AS pt__f5_p_x4
  FROM pt__f5_words4
),
-- pt__f5_words, step 6: pt__f5_p_x5
pt__f5_words6 AS MATERIALIZED (
  SELECT *,
    CASE WHEN (pt__f5_p_x4 ~ '[←-∫∮∱-␩⑀-⑊①-⑨Ⓐ-⓪─-❵➔-⨋⨍-⩳⩷-⭳⭶-⯿︀-️🀀-🀫🀰-🂓🂠-🂮🂱-🂿🃁-🃏🃑-🃵🄍-🄏🄫🄬🄯-🅉🅐-🅩🅭-🆏🆑-🆭🇦-🇿🈂🈐-🈻🉐🉑🉠-🉥🌀-🛘🛜-🛬🛰-🛼🜀-🟙🟠-🟫🟰🠀-🠋🠐-🡇🡐-🡙🡠-🢇🢐-🢭🢰-🢻🣀🣁🣐-🣘🤀-🩗🩠-🩭🩰-🩼🪀-🪊🪎-🫆🫈🫍-🫜🫟-🫪🫯-🫸󠀁󠀠-󠁿]') THEN translate(pt__f5_p_x4, (SELECT fold4_from FROM pt__fold), (SELECT fold4_to FROM pt__fold)) ELSE pt__f5_p_x4 END AS pt__f5_p_x5
  FROM pt__f5_words5
),
-- pt__f5_words, step 7: pt__f5_p_x6
pt__f5_words7 AS MATERIALIZED (
  SELECT *,
    CASE WHEN (pt__f5_p_x5 ~ '[-!-/:-`{-]') THEN translate(pt__f5_p_x5, (SELECT fold5_from FROM pt__fold), (SELECT fold5_to FROM pt__fold)) ELSE pt__f5_p_x5 END AS pt__f5_p_x6
  FROM pt__f5_words6
),
-- pt__f5_words, step 8: pt__f5_p
pt__f5_words8 AS MATERIALIZED (
  SELECT *,
    coalesce(pt__f5_p_ascii, trim(regexp_replace(pt__f5_p_x6, '  +', ' ', 'g'))) AS pt__f5_p
  FROM pt__f5_words7
),
-- channel: each test on it: match 0..1 (NULL: blank or unreadable) and its detail
pt__f5_tests AS MATERIALIZED (
  SELECT *,
    -- criterion "channel": channel in ["email","phone"]
    CASE WHEN pt__f5_b THEN NULL ELSE CASE WHEN pt__f5_p IN ('email', 'phone') THEN CAST(1.0 AS DOUBLE PRECISION) ELSE CAST(0.0 AS DOUBLE PRECISION) END END AS pt__c4_m,
    CASE WHEN pt__f5_b THEN 'missing' ELSE pt__f5_p END AS pt__c4_d,
    NOT pt__f5_b AS pt__c4_ok
  FROM pt__f5_words8
),
-- every row with its tests' results
pt__tests AS MATERIALIZED (
  SELECT pt__c.*,
    pt__j2.pt__c1_m AS pt__c1_m, coalesce(pt__j2.pt__c1_d, 'missing') AS pt__c1_d, coalesce(pt__j2.pt__c1_ok, FALSE) AS pt__c1_ok,
    pt__j3.pt__c2_m AS pt__c2_m, coalesce(pt__j3.pt__c2_d, 'missing') AS pt__c2_d, coalesce(pt__j3.pt__c2_ok, FALSE) AS pt__c2_ok,
    pt__j4.pt__c3_m AS pt__c3_m, coalesce(pt__j4.pt__c3_d, 'missing') AS pt__c3_d, coalesce(pt__j4.pt__c3_ok, FALSE) AS pt__c3_ok,
    pt__j5.pt__c4_m AS pt__c4_m, coalesce(pt__j5.pt__c4_d, 'missing') AS pt__c4_d, coalesce(pt__j5.pt__c4_ok, FALSE) AS pt__c4_ok,
    pt__j2.pt__c5_m AS pt__c5_m, coalesce(pt__j2.pt__c5_d, 'missing') AS pt__c5_d, coalesce(pt__j2.pt__c5_ok, FALSE) AS pt__c5_ok,
    pt__j2.pt__q1_m AS pt__q1_m, coalesce(pt__j2.pt__q1_d, 'missing') AS pt__q1_d, coalesce(pt__j2.pt__q1_ok, FALSE) AS pt__q1_ok,
    pt__j2.pt__s1w1_m AS pt__s1w1_m, coalesce(pt__j2.pt__s1w1_d, 'missing') AS pt__s1w1_d, coalesce(pt__j2.pt__s1w1_ok, FALSE) AS pt__s1w1_ok
  FROM pt__cells pt__c
  LEFT JOIN pt__f2_tests pt__j2 ON pt__j2.pt__f2_v = pt__c.pt__f2_v
  LEFT JOIN pt__f3_tests pt__j3 ON pt__j3.pt__f3_v = pt__c.pt__f3_v
  LEFT JOIN pt__f4_tests pt__j4 ON pt__j4.pt__f4_v = pt__c.pt__f4_v
  LEFT JOIN pt__f5_tests pt__j5 ON pt__j5.pt__f5_v = pt__c.pt__f5_v
),
-- each criterion's match as the score counts it: the missing policy's (0, 0.5, or NULL: left out) where blank or unreadable
pt__effective AS MATERIALIZED (
  SELECT *,
    CASE WHEN pt__c1_ok THEN pt__c1_m ELSE CAST(0.0 AS DOUBLE PRECISION) END AS pt__c1_e,
    CASE WHEN pt__c2_ok THEN pt__c2_m ELSE CAST(0.5 AS DOUBLE PRECISION) END AS pt__c2_e,
    CASE WHEN pt__c3_ok THEN pt__c3_m ELSE CAST(0.0 AS DOUBLE PRECISION) END AS pt__c3_e,
    CASE WHEN pt__c4_ok THEN pt__c4_m ELSE NULL END AS pt__c4_e,
    CASE WHEN pt__c5_ok THEN pt__c5_m ELSE CAST(0.0 AS DOUBLE PRECISION) END AS pt__c5_e
  FROM pt__tests
),
-- which segments' rules hold, and the first disqualify rule that matches
pt__segments AS MATERIALIZED (
  SELECT *,
    coalesce(pt__s1w1_m >= CAST(0.5 AS DOUBLE PRECISION), FALSE) AS pt__fits1,
    TRUE AS pt__fits2,
    CASE WHEN coalesce(pt__q1_m >= CAST(1.0 AS DOUBLE PRECISION), FALSE) THEN 'DISQUALIFIED maker: a maker, not a buyer (' || pt__q1_d || ')' END AS pt__disqualified
  FROM pt__effective
),
-- the prospect's segment (segment_rule: first); 0: unassigned
pt__chosen AS MATERIALIZED (
  SELECT *,
    coalesce(CASE WHEN pt__fits1 THEN 1 WHEN pt__fits2 THEN 2 ELSE 0 END, 0) AS pt__seg
  FROM pt__segments
),
-- each criterion's weight for the prospect's segment (NULL: not one of its criteria)
pt__weights AS MATERIALIZED (
  SELECT *,
    CASE pt__seg WHEN 0 THEN CAST(30.0 AS DOUBLE PRECISION) WHEN 1 THEN CAST(30.0 AS DOUBLE PRECISION) WHEN 2 THEN CAST(30.0 AS DOUBLE PRECISION) END AS pt__c1_w,
    CASE pt__seg WHEN 0 THEN CAST(20.0 AS DOUBLE PRECISION) WHEN 1 THEN CAST(30.0 AS DOUBLE PRECISION) WHEN 2 THEN CAST(20.0 AS DOUBLE PRECISION) END AS pt__c2_w,
    CASE pt__seg WHEN 0 THEN CAST(10.0 AS DOUBLE PRECISION) WHEN 1 THEN CAST(10.0 AS DOUBLE PRECISION) WHEN 2 THEN CAST(10.0 AS DOUBLE PRECISION) END AS pt__c3_w,
    CASE pt__seg WHEN 0 THEN CAST(10.0 AS DOUBLE PRECISION) WHEN 1 THEN CAST(10.0 AS DOUBLE PRECISION) WHEN 2 THEN CAST(10.0 AS DOUBLE PRECISION) END AS pt__c4_w,
    CASE pt__seg WHEN 0 THEN CAST(-10.0 AS DOUBLE PRECISION) WHEN 1 THEN CAST(-10.0 AS DOUBLE PRECISION) WHEN 2 THEN CAST(-10.0 AS DOUBLE PRECISION) END AS pt__c5_w
  FROM pt__chosen
),
-- the sum of the positive weights of the criteria that count
pt__denominator AS MATERIALIZED (
  SELECT *,
    (CASE WHEN pt__c1_e IS NOT NULL AND pt__c1_w > CAST(0.0 AS DOUBLE PRECISION) THEN pt__c1_w ELSE CAST(0.0 AS DOUBLE PRECISION) END) + (CASE WHEN pt__c2_e IS NOT NULL AND pt__c2_w > CAST(0.0 AS DOUBLE PRECISION) THEN pt__c2_w ELSE CAST(0.0 AS DOUBLE PRECISION) END) + (CASE WHEN pt__c3_e IS NOT NULL AND pt__c3_w > CAST(0.0 AS DOUBLE PRECISION) THEN pt__c3_w ELSE CAST(0.0 AS DOUBLE PRECISION) END) + (CASE WHEN pt__c4_e IS NOT NULL AND pt__c4_w > CAST(0.0 AS DOUBLE PRECISION) THEN pt__c4_w ELSE CAST(0.0 AS DOUBLE PRECISION) END) + (CASE WHEN pt__c5_e IS NOT NULL AND pt__c5_w > CAST(0.0 AS DOUBLE PRECISION) THEN pt__c5_w ELSE CAST(0.0 AS DOUBLE PRECISION) END) AS pt__den,
    (coalesce(abs(pt__c1_w), CAST(0.0 AS DOUBLE PRECISION))) + (coalesce(abs(pt__c2_w), CAST(0.0 AS DOUBLE PRECISION))) + (coalesce(abs(pt__c3_w), CAST(0.0 AS DOUBLE PRECISION))) + (coalesce(abs(pt__c4_w), CAST(0.0 AS DOUBLE PRECISION))) + (coalesce(abs(pt__c5_w), CAST(0.0 AS DOUBLE PRECISION))) AS pt__total,
    (CASE WHEN pt__c1_ok THEN coalesce(abs(pt__c1_w), CAST(0.0 AS DOUBLE PRECISION)) ELSE CAST(0.0 AS DOUBLE PRECISION) END) + (CASE WHEN pt__c2_ok THEN coalesce(abs(pt__c2_w), CAST(0.0 AS DOUBLE PRECISION)) ELSE CAST(0.0 AS DOUBLE PRECISION) END) + (CASE WHEN pt__c3_ok THEN coalesce(abs(pt__c3_w), CAST(0.0 AS DOUBLE PRECISION)) ELSE CAST(0.0 AS DOUBLE PRECISION) END) + (CASE WHEN pt__c4_ok THEN coalesce(abs(pt__c4_w), CAST(0.0 AS DOUBLE PRECISION)) ELSE CAST(0.0 AS DOUBLE PRECISION) END) + (CASE WHEN pt__c5_ok THEN coalesce(abs(pt__c5_w), CAST(0.0 AS DOUBLE PRECISION)) ELSE CAST(0.0 AS DOUBLE PRECISION) END) AS pt__judged
  FROM pt__weights
),
-- each criterion's points before rounding: 100 x weight x match / denominator
pt__raw AS MATERIALIZED (
  SELECT *,
    -- trade-buyer
    CASE WHEN pt__c1_e IS NULL OR pt__c1_w IS NULL OR pt__den = CAST(0.0 AS DOUBLE PRECISION) THEN CAST(0.0 AS DOUBLE PRECISION) ELSE CAST(100.0 AS DOUBLE PRECISION) * pt__c1_w * pt__c1_e / pt__den END AS pt__c1_r,
    -- size
    CASE WHEN pt__c2_e IS NULL OR pt__c2_w IS NULL OR pt__den = CAST(0.0 AS DOUBLE PRECISION) THEN CAST(0.0 AS DOUBLE PRECISION) ELSE CAST(100.0 AS DOUBLE PRECISION) * pt__c2_w * pt__c2_e / pt__den END AS pt__c2_r,
    -- phone
    CASE WHEN pt__c3_e IS NULL OR pt__c3_w IS NULL OR pt__den = CAST(0.0 AS DOUBLE PRECISION) THEN CAST(0.0 AS DOUBLE PRECISION) ELSE CAST(100.0 AS DOUBLE PRECISION) * pt__c3_w * pt__c3_e / pt__den END AS pt__c3_r,
    -- channel
    CASE WHEN pt__c4_e IS NULL OR pt__c4_w IS NULL OR pt__den = CAST(0.0 AS DOUBLE PRECISION) THEN CAST(0.0 AS DOUBLE PRECISION) ELSE CAST(100.0 AS DOUBLE PRECISION) * pt__c4_w * pt__c4_e / pt__den END AS pt__c4_r,
    -- retail
    CASE WHEN pt__c5_e IS NULL OR pt__c5_w IS NULL OR pt__den = CAST(0.0 AS DOUBLE PRECISION) THEN CAST(0.0 AS DOUBLE PRECISION) ELSE CAST(100.0 AS DOUBLE PRECISION) * pt__c5_w * pt__c5_e / pt__den END AS pt__c5_r
  FROM pt__denominator
),
-- the points' sum
pt__sum AS MATERIALIZED (
  SELECT *,
    (pt__c1_r) + (pt__c2_r) + (pt__c3_r) + (pt__c4_r) + (pt__c5_r) AS pt__sum
  FROM pt__raw
),
-- the score, 0..100 in tenths
pt__score AS MATERIALIZED (
  SELECT *,
    (floor(least(CAST(100.0 AS DOUBLE PRECISION), greatest(CAST(0.0 AS DOUBLE PRECISION), pt__sum)) * CAST(10.0 AS DOUBLE PRECISION)) + CASE WHEN (least(CAST(100.0 AS DOUBLE PRECISION), greatest(CAST(0.0 AS DOUBLE PRECISION), pt__sum)) * CAST(10.0 AS DOUBLE PRECISION)) - floor(least(CAST(100.0 AS DOUBLE PRECISION), greatest(CAST(0.0 AS DOUBLE PRECISION), pt__sum)) * CAST(10.0 AS DOUBLE PRECISION)) >= CAST(0.5 AS DOUBLE PRECISION) THEN 1 ELSE 0 END) AS pt__tenths
  FROM pt__sum
),
-- points in tenths rounded down, and what is left over
pt__floors AS MATERIALIZED (
  SELECT *,
    floor(pt__c1_r * CAST(10.0 AS DOUBLE PRECISION) + CAST(1e-9 AS DOUBLE PRECISION)) AS pt__c1_fl,
    pt__c1_r * CAST(10.0 AS DOUBLE PRECISION) - floor(pt__c1_r * CAST(10.0 AS DOUBLE PRECISION) + CAST(1e-9 AS DOUBLE PRECISION)) AS pt__c1_rem,
    floor(pt__c2_r * CAST(10.0 AS DOUBLE PRECISION) + CAST(1e-9 AS DOUBLE PRECISION)) AS pt__c2_fl,
    pt__c2_r * CAST(10.0 AS DOUBLE PRECISION) - floor(pt__c2_r * CAST(10.0 AS DOUBLE PRECISION) + CAST(1e-9 AS DOUBLE PRECISION)) AS pt__c2_rem,
    floor(pt__c3_r * CAST(10.0 AS DOUBLE PRECISION) + CAST(1e-9 AS DOUBLE PRECISION)) AS pt__c3_fl,
    pt__c3_r * CAST(10.0 AS DOUBLE PRECISION) - floor(pt__c3_r * CAST(10.0 AS DOUBLE PRECISION) + CAST(1e-9 AS DOUBLE PRECISION)) AS pt__c3_rem,
    floor(pt__c4_r * CAST(10.0 AS DOUBLE PRECISION) + CAST(1e-9 AS DOUBLE PRECISION)) AS pt__c4_fl,
    pt__c4_r * CAST(10.0 AS DOUBLE PRECISION) - floor(pt__c4_r * CAST(10.0 AS DOUBLE PRECISION) + CAST(1e-9 AS DOUBLE PRECISION)) AS pt__c4_rem,
    floor(pt__c5_r * CAST(10.0 AS DOUBLE PRECISION) + CAST(1e-9 AS DOUBLE PRECISION)) AS pt__c5_fl,
    pt__c5_r * CAST(10.0 AS DOUBLE PRECISION) - floor(pt__c5_r * CAST(10.0 AS DOUBLE PRECISION) + CAST(1e-9 AS DOUBLE PRECISION)) AS pt__c5_rem
  FROM pt__score
),
-- tenths the floors fall short of the score by; how many remainders can take one; the largest share
pt__deficit AS MATERIALIZED (
  SELECT *,
    pt__tenths - ((pt__c1_fl) + (pt__c2_fl) + (pt__c3_fl) + (pt__c4_fl) + (pt__c5_fl)) AS pt__deficit,
    CASE WHEN pt__c1_rem > CAST(1e-9 AS DOUBLE PRECISION) THEN 1 ELSE 0 END + CASE WHEN pt__c2_rem > CAST(1e-9 AS DOUBLE PRECISION) THEN 1 ELSE 0 END + CASE WHEN pt__c3_rem > CAST(1e-9 AS DOUBLE PRECISION) THEN 1 ELSE 0 END + CASE WHEN pt__c4_rem > CAST(1e-9 AS DOUBLE PRECISION) THEN 1 ELSE 0 END + CASE WHEN pt__c5_rem > CAST(1e-9 AS DOUBLE PRECISION) THEN 1 ELSE 0 END AS pt__npos,
    CASE WHEN abs(pt__c5_r * CAST(10.0 AS DOUBLE PRECISION)) > greatest(abs(pt__c4_r * CAST(10.0 AS DOUBLE PRECISION)), greatest(abs(pt__c3_r * CAST(10.0 AS DOUBLE PRECISION)), greatest(abs(pt__c2_r * CAST(10.0 AS DOUBLE PRECISION)), abs(pt__c1_r * CAST(10.0 AS DOUBLE PRECISION))))) THEN 5 ELSE CASE WHEN abs(pt__c4_r * CAST(10.0 AS DOUBLE PRECISION)) > greatest(abs(pt__c3_r * CAST(10.0 AS DOUBLE PRECISION)), greatest(abs(pt__c2_r * CAST(10.0 AS DOUBLE PRECISION)), abs(pt__c1_r * CAST(10.0 AS DOUBLE PRECISION)))) THEN 4 ELSE CASE WHEN abs(pt__c3_r * CAST(10.0 AS DOUBLE PRECISION)) > greatest(abs(pt__c2_r * CAST(10.0 AS DOUBLE PRECISION)), abs(pt__c1_r * CAST(10.0 AS DOUBLE PRECISION))) THEN 3 ELSE CASE WHEN abs(pt__c2_r * CAST(10.0 AS DOUBLE PRECISION)) > abs(pt__c1_r * CAST(10.0 AS DOUBLE PRECISION)) THEN 2 ELSE 1 END END END END AS pt__big
  FROM pt__floors
),
-- each criterion's points in tenths, adding up to the score
pt__points AS MATERIALIZED (
  SELECT *,
    CASE WHEN pt__sum >= CAST(0.0 AS DOUBLE PRECISION) THEN pt__c1_fl + CASE WHEN pt__c1_rem > CAST(1e-9 AS DOUBLE PRECISION) AND pt__deficit > 0 AND (CASE WHEN pt__c2_rem > CAST(1e-9 AS DOUBLE PRECISION) AND (pt__c2_rem > pt__c1_rem) THEN 1 ELSE 0 END + CASE WHEN pt__c3_rem > CAST(1e-9 AS DOUBLE PRECISION) AND (pt__c3_rem > pt__c1_rem) THEN 1 ELSE 0 END + CASE WHEN pt__c4_rem > CAST(1e-9 AS DOUBLE PRECISION) AND (pt__c4_rem > pt__c1_rem) THEN 1 ELSE 0 END + CASE WHEN pt__c5_rem > CAST(1e-9 AS DOUBLE PRECISION) AND (pt__c5_rem > pt__c1_rem) THEN 1 ELSE 0 END) < pt__deficit THEN 1 ELSE 0 END + CASE WHEN pt__big = 1 THEN pt__deficit - (CASE WHEN pt__deficit > 0 THEN least(pt__deficit, pt__npos) ELSE 0 END) ELSE 0 END ELSE (floor(pt__c1_r * CAST(10.0 AS DOUBLE PRECISION)) + CASE WHEN (pt__c1_r * CAST(10.0 AS DOUBLE PRECISION)) - floor(pt__c1_r * CAST(10.0 AS DOUBLE PRECISION)) >= CAST(0.5 AS DOUBLE PRECISION) THEN 1 ELSE 0 END) END AS pt__c1_p,
    CASE WHEN pt__sum >= CAST(0.0 AS DOUBLE PRECISION) THEN pt__c2_fl + CASE WHEN pt__c2_rem > CAST(1e-9 AS DOUBLE PRECISION) AND pt__deficit > 0 AND (CASE WHEN pt__c1_rem > CAST(1e-9 AS DOUBLE PRECISION) AND (pt__c1_rem > pt__c2_rem OR pt__c1_rem = pt__c2_rem) THEN 1 ELSE 0 END + CASE WHEN pt__c3_rem > CAST(1e-9 AS DOUBLE PRECISION) AND (pt__c3_rem > pt__c2_rem) THEN 1 ELSE 0 END + CASE WHEN pt__c4_rem > CAST(1e-9 AS DOUBLE PRECISION) AND (pt__c4_rem > pt__c2_rem) THEN 1 ELSE 0 END + CASE WHEN pt__c5_rem > CAST(1e-9 AS DOUBLE PRECISION) AND (pt__c5_rem > pt__c2_rem) THEN 1 ELSE 0 END) < pt__deficit THEN 1 ELSE 0 END + CASE WHEN pt__big = 2 THEN pt__deficit - (CASE WHEN pt__deficit > 0 THEN least(pt__deficit, pt__npos) ELSE 0 END) ELSE 0 END ELSE (floor(pt__c2_r * CAST(10.0 AS DOUBLE PRECISION)) + CASE WHEN (pt__c2_r * CAST(10.0 AS DOUBLE PRECISION)) - floor(pt__c2_r * CAST(10.0 AS DOUBLE PRECISION)) >= CAST(0.5 AS DOUBLE PRECISION) THEN 1 ELSE 0 END) END AS pt__c2_p,
    CASE WHEN pt__sum >= CAST(0.0 AS DOUBLE PRECISION) THEN pt__c3_fl + CASE WHEN pt__c3_rem > CAST(1e-9 AS DOUBLE PRECISION) AND pt__deficit > 0 AND (CASE WHEN pt__c1_rem > CAST(1e-9 AS DOUBLE PRECISION) AND (pt__c1_rem > pt__c3_rem OR pt__c1_rem = pt__c3_rem) THEN 1 ELSE 0 END + CASE WHEN pt__c2_rem > CAST(1e-9 AS DOUBLE PRECISION) AND (pt__c2_rem > pt__c3_rem OR pt__c2_rem = pt__c3_rem) THEN 1 ELSE 0 END + CASE WHEN pt__c4_rem > CAST(1e-9 AS DOUBLE PRECISION) AND (pt__c4_rem > pt__c3_rem) THEN 1 ELSE 0 END + CASE WHEN pt__c5_rem > CAST(1e-9 AS DOUBLE PRECISION) AND (pt__c5_rem > pt__c3_rem) THEN 1 ELSE 0 END) < pt__deficit THEN 1 ELSE 0 END + CASE WHEN pt__big = 3 THEN pt__deficit - (CASE WHEN pt__deficit > 0 THEN least(pt__deficit, pt__npos) ELSE 0 END) ELSE 0 END ELSE (floor(pt__c3_r * CAST(10.0 AS DOUBLE PRECISION)) + CASE WHEN (pt__c3_r * CAST(10.0 AS DOUBLE PRECISION)) - floor(pt__c3_r * CAST(10.0 AS DOUBLE PRECISION)) >= CAST(0.5 AS DOUBLE PRECISION) THEN 1 ELSE 0 END) END AS pt__c3_p,
    CASE WHEN pt__sum >= CAST(0.0 AS DOUBLE PRECISION) THEN pt__c4_fl + CASE WHEN pt__c4_rem > CAST(1e-9 AS DOUBLE PRECISION) AND pt__deficit > 0 AND (CASE WHEN pt__c1_rem > CAST(1e-9 AS DOUBLE PRECISION) AND (pt__c1_rem > pt__c4_rem OR pt__c1_rem = pt__c4_rem) THEN 1 ELSE 0 END + CASE WHEN pt__c2_rem > CAST(1e-9 AS DOUBLE PRECISION) AND (pt__c2_rem > pt__c4_rem OR pt__c2_rem = pt__c4_rem) THEN 1 ELSE 0 END + CASE WHEN pt__c3_rem > CAST(1e-9 AS DOUBLE PRECISION) AND (pt__c3_rem > pt__c4_rem OR pt__c3_rem = pt__c4_rem) THEN 1 ELSE 0 END + CASE WHEN pt__c5_rem > CAST(1e-9 AS DOUBLE PRECISION) AND (pt__c5_rem > pt__c4_rem) THEN 1 ELSE 0 END) < pt__deficit THEN 1 ELSE 0 END + CASE WHEN pt__big = 4 THEN pt__deficit - (CASE WHEN pt__deficit > 0 THEN least(pt__deficit, pt__npos) ELSE 0 END) ELSE 0 END ELSE (floor(pt__c4_r * CAST(10.0 AS DOUBLE PRECISION)) + CASE WHEN (pt__c4_r * CAST(10.0 AS DOUBLE PRECISION)) - floor(pt__c4_r * CAST(10.0 AS DOUBLE PRECISION)) >= CAST(0.5 AS DOUBLE PRECISION) THEN 1 ELSE 0 END) END AS pt__c4_p,
    CASE WHEN pt__sum >= CAST(0.0 AS DOUBLE PRECISION) THEN pt__c5_fl + CASE WHEN pt__c5_rem > CAST(1e-9 AS DOUBLE PRECISION) AND pt__deficit > 0 AND (CASE WHEN pt__c1_rem > CAST(1e-9 AS DOUBLE PRECISION) AND (pt__c1_rem > pt__c5_rem OR pt__c1_rem = pt__c5_rem) THEN 1 ELSE 0 END + CASE WHEN pt__c2_rem > CAST(1e-9 AS DOUBLE PRECISION) AND (pt__c2_rem > pt__c5_rem OR pt__c2_rem = pt__c5_rem) THEN 1 ELSE 0 END + CASE WHEN pt__c3_rem > CAST(1e-9 AS DOUBLE PRECISION) AND (pt__c3_rem > pt__c5_rem OR pt__c3_rem = pt__c5_rem) THEN 1 ELSE 0 END + CASE WHEN pt__c4_rem > CAST(1e-9 AS DOUBLE PRECISION) AND (pt__c4_rem > pt__c5_rem OR pt__c4_rem = pt__c5_rem) THEN 1 ELSE 0 END) < pt__deficit THEN 1 ELSE 0 END + CASE WHEN pt__big = 5 THEN pt__deficit - (CASE WHEN pt__deficit > 0 THEN least(pt__deficit, pt__npos) ELSE 0 END) ELSE 0 END ELSE (floor(pt__c5_r * CAST(10.0 AS DOUBLE PRECISION)) + CASE WHEN (pt__c5_r * CAST(10.0 AS DOUBLE PRECISION)) - floor(pt__c5_r * CAST(10.0 AS DOUBLE PRECISION)) >= CAST(0.5 AS DOUBLE PRECISION) THEN 1 ELSE 0 END) END AS pt__c5_p
  FROM pt__deficit
),
-- score, confidence, tier, reasons and segment, as portrait score writes them
pt__result AS MATERIALIZED (
  SELECT *,
    pt__tenths / CAST(10.0 AS DOUBLE PRECISION) AS pt__out_score,
    CASE WHEN pt__total = CAST(0.0 AS DOUBLE PRECISION) THEN CAST(0.0 AS DOUBLE PRECISION) ELSE (floor(CAST(1000.0 AS DOUBLE PRECISION) * pt__judged / pt__total) + CASE WHEN (CAST(1000.0 AS DOUBLE PRECISION) * pt__judged / pt__total) - floor(CAST(1000.0 AS DOUBLE PRECISION) * pt__judged / pt__total) >= CAST(0.5 AS DOUBLE PRECISION) THEN 1 ELSE 0 END) / CAST(1000.0 AS DOUBLE PRECISION) END AS pt__out_confidence,
    CASE WHEN pt__disqualified IS NOT NULL THEN 'X' WHEN pt__tenths / CAST(10.0 AS DOUBLE PRECISION) >= CAST(70.0 AS DOUBLE PRECISION) THEN 'A' WHEN pt__tenths / CAST(10.0 AS DOUBLE PRECISION) >= CAST(40.0 AS DOUBLE PRECISION) THEN 'B' ELSE 'D' END AS pt__out_tier,
    coalesce(nullif(concat_ws('; ', pt__disqualified, CASE WHEN pt__c1_p <> 0 AND pt__c1_w IS NOT NULL THEN 'trade buyer (' || pt__c1_d || ') ' || CASE WHEN pt__c1_p < 0 THEN '-' ELSE '+' END || CAST(CAST(floor(abs(pt__c1_p) / CAST(10.0 AS DOUBLE PRECISION)) AS NUMERIC) AS TEXT) || CASE WHEN abs(pt__c1_p) - CAST(10.0 AS DOUBLE PRECISION) * floor(abs(pt__c1_p) / CAST(10.0 AS DOUBLE PRECISION)) = 0 THEN '' ELSE '.' || CAST(CAST(abs(pt__c1_p) - CAST(10.0 AS DOUBLE PRECISION) * floor(abs(pt__c1_p) / CAST(10.0 AS DOUBLE PRECISION)) AS NUMERIC) AS TEXT) END END, CASE WHEN pt__c2_p <> 0 AND pt__c2_w IS NOT NULL THEN 'company size (' || pt__c2_d || ') ' || CASE WHEN pt__c2_p < 0 THEN '-' ELSE '+' END || CAST(CAST(floor(abs(pt__c2_p) / CAST(10.0 AS DOUBLE PRECISION)) AS NUMERIC) AS TEXT) || CASE WHEN abs(pt__c2_p) - CAST(10.0 AS DOUBLE PRECISION) * floor(abs(pt__c2_p) / CAST(10.0 AS DOUBLE PRECISION)) = 0 THEN '' ELSE '.' || CAST(CAST(abs(pt__c2_p) - CAST(10.0 AS DOUBLE PRECISION) * floor(abs(pt__c2_p) / CAST(10.0 AS DOUBLE PRECISION)) AS NUMERIC) AS TEXT) END END, CASE WHEN pt__c3_p <> 0 AND pt__c3_w IS NOT NULL THEN 'phone (' || pt__c3_d || ') ' || CASE WHEN pt__c3_p < 0 THEN '-' ELSE '+' END || CAST(CAST(floor(abs(pt__c3_p) / CAST(10.0 AS DOUBLE PRECISION)) AS NUMERIC) AS TEXT) || CASE WHEN abs(pt__c3_p) - CAST(10.0 AS DOUBLE PRECISION) * floor(abs(pt__c3_p) / CAST(10.0 AS DOUBLE PRECISION)) = 0 THEN '' ELSE '.' || CAST(CAST(abs(pt__c3_p) - CAST(10.0 AS DOUBLE PRECISION) * floor(abs(pt__c3_p) / CAST(10.0 AS DOUBLE PRECISION)) AS NUMERIC) AS TEXT) END END, CASE WHEN pt__c4_p <> 0 AND pt__c4_w IS NOT NULL THEN 'channel (' || pt__c4_d || ') ' || CASE WHEN pt__c4_p < 0 THEN '-' ELSE '+' END || CAST(CAST(floor(abs(pt__c4_p) / CAST(10.0 AS DOUBLE PRECISION)) AS NUMERIC) AS TEXT) || CASE WHEN abs(pt__c4_p) - CAST(10.0 AS DOUBLE PRECISION) * floor(abs(pt__c4_p) / CAST(10.0 AS DOUBLE PRECISION)) = 0 THEN '' ELSE '.' || CAST(CAST(abs(pt__c4_p) - CAST(10.0 AS DOUBLE PRECISION) * floor(abs(pt__c4_p) / CAST(10.0 AS DOUBLE PRECISION)) AS NUMERIC) AS TEXT) END END, CASE WHEN pt__c5_p <> 0 AND pt__c5_w IS NOT NULL THEN 'retail (' || pt__c5_d || ') ' || CASE WHEN pt__c5_p < 0 THEN '-' ELSE '+' END || CAST(CAST(floor(abs(pt__c5_p) / CAST(10.0 AS DOUBLE PRECISION)) AS NUMERIC) AS TEXT) || CASE WHEN abs(pt__c5_p) - CAST(10.0 AS DOUBLE PRECISION) * floor(abs(pt__c5_p) / CAST(10.0 AS DOUBLE PRECISION)) = 0 THEN '' ELSE '.' || CAST(CAST(abs(pt__c5_p) - CAST(10.0 AS DOUBLE PRECISION) * floor(abs(pt__c5_p) / CAST(10.0 AS DOUBLE PRECISION)) AS NUMERIC) AS TEXT) END END, CASE WHEN pt__tenths - ((pt__c1_p) + (pt__c2_p) + (pt__c3_p) + (pt__c4_p) + (pt__c5_p)) <> 0 THEN 'floor at 0 ' || CASE WHEN pt__tenths - ((pt__c1_p) + (pt__c2_p) + (pt__c3_p) + (pt__c4_p) + (pt__c5_p)) < 0 THEN '-' ELSE '+' END || CAST(CAST(floor(abs(pt__tenths - ((pt__c1_p) + (pt__c2_p) + (pt__c3_p) + (pt__c4_p) + (pt__c5_p))) / CAST(10.0 AS DOUBLE PRECISION)) AS NUMERIC) AS TEXT) || CASE WHEN abs(pt__tenths - ((pt__c1_p) + (pt__c2_p) + (pt__c3_p) + (pt__c4_p) + (pt__c5_p))) - CAST(10.0 AS DOUBLE PRECISION) * floor(abs(pt__tenths - ((pt__c1_p) + (pt__c2_p) + (pt__c3_p) + (pt__c4_p) + (pt__c5_p))) / CAST(10.0 AS DOUBLE PRECISION)) = 0 THEN '' ELSE '.' || CAST(CAST(abs(pt__tenths - ((pt__c1_p) + (pt__c2_p) + (pt__c3_p) + (pt__c4_p) + (pt__c5_p))) - CAST(10.0 AS DOUBLE PRECISION) * floor(abs(pt__tenths - ((pt__c1_p) + (pt__c2_p) + (pt__c3_p) + (pt__c4_p) + (pt__c5_p))) / CAST(10.0 AS DOUBLE PRECISION)) AS NUMERIC) AS TEXT) END END), ''), 'no criterion matched') AS pt__out_reasons,
    CASE pt__seg WHEN 1 THEN 'wholesale' WHEN 2 THEN 'other' ELSE 'unassigned' END AS pt__out_segment
  FROM pt__points
)
SELECT
  "Company Name",
  "Business Type",
  "Employees",
  "Phone",
  "Preferred Channel",
  "Notes",
  ROW_NUMBER() OVER (ORDER BY CASE WHEN pt__disqualified IS NULL THEN 0 ELSE 1 END, pt__out_score DESC, coalesce(CAST("Company Name" AS TEXT), '') COLLATE "C", coalesce(CAST("Business Type" AS TEXT), '') COLLATE "C", coalesce(CAST("Employees" AS TEXT), '') COLLATE "C", coalesce(CAST("Phone" AS TEXT), '') COLLATE "C", coalesce(CAST("Preferred Channel" AS TEXT), '') COLLATE "C", coalesce(CAST("Notes" AS TEXT), '') COLLATE "C") AS "rank",
  pt__out_score AS "score",
  pt__out_confidence AS "confidence",
  pt__out_tier AS "tier",
  pt__out_reasons AS "reasons",
  pt__out_segment AS "segment"
FROM pt__result
ORDER BY "rank"
